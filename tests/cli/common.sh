# Sourced by the CLI tests: runs crlm (under valgrind memcheck when CRLM_VALGRIND=1, failing
# on any error or leak), captures stdout/stderr/exit status, and offers small assertions.
CRLM="$1"
SRC="$2"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
PASSES=0

run() {
    if [ "${CRLM_VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible \
            --errors-for-leak-kinds=definite,indirect,possible "$CRLM" "$@" >"$TMP/out" 2>"$TMP/err"
    else
        "$CRLM" "$@" >"$TMP/out" 2>"$TMP/err"
    fi
    RC=$?
    if [ "$RC" = 99 ]; then
        echo "valgrind found errors in: crlm $*" >&2
        cat "$TMP/err" >&2
    fi
}

ok() { PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
expect_rc() { [ "$RC" = "$1" ] && ok || fail "$2: exit $RC, expected $1 ($(head -c 300 "$TMP/err"))"; }
expect_out() { grep -q -- "$1" "$TMP/out" && ok || fail "$2: stdout lacks '$1'"; }
expect_err() { grep -q -- "$1" "$TMP/err" && ok || fail "$2: stderr lacks '$1'"; }
expect_empty_out() { [ ! -s "$TMP/out" ] && ok || fail "$1: stdout not empty"; }

finish() {
    echo "$PASSES passed, $FAILS failed"
    [ "$FAILS" = 0 ]
}
