# What crlm says when an input is wrong: one error per line whatever the input holds (a key
# with a line end used to span three lines, a terminal escape reached the terminal), the value
# as the input wrote it (1.0, not 1; 1e300, not 1.0000000000000001e+300), NUL bytes and bytes
# that are not UTF-8 shown escaped, never half a character; and a size limit that holds before
# the memory is spent (/dev/zero as a cohort cost 512 MiB before its 256 MiB refusal).
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"

edit() { # edit FROM TO: the low-risk example with FROM replaced by TO (Python escapes)
    python3 - "$EX/low-risk-metachronous.json" "$1" "$2" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
frm, to = (bytes(a, "utf-8").decode("unicode_escape") for a in sys.argv[2:4])
assert frm in text
sys.stdout.write(text.replace(frm, to, 1))
EOF
}

# 1. Keys and values holding line ends and escapes: every error on one line.
edit '"sex": "female"' '"sex": "female", "a\\nb\\u001b[2J": 1, "c\\rd": 2' >"$TMP/keys.json"
run validate "$TMP/keys.json"
expect_rc 2 "keys with control characters"
[ "$(wc -l <"$TMP/err")" = 2 ] && ok || fail "two errors on $(wc -l <"$TMP/err") lines"
expect_err '/patient/a\\nb\\u001b\[2J: expected only the fields of the specification, found the unknown field "a\\nb\\u001b\[2J"' "key shown escaped"
grep -q "$(printf '\033')" "$TMP/err" && fail "a terminal escape reached stderr" || ok

# 2. Numbers as written.
edit '"weight_kg": 68' '"weight_kg": 1.0' >"$TMP/w.json"
run assess "$TMP/w.json"
expect_rc 2 "weight 1.0"
expect_err '/patient/weight_kg: expected a number from 10 to 500, found the number 1.0$' "1.0 as written"
edit '"height_cm": 165' '"height_cm": 1e300' >"$TMP/h.json"
run validate "$TMP/h.json"
expect_err '/patient/height_cm: expected a number from 50 to 250, found the number 1e300$' "1e300 as written"

# 3. A file name with a line end or an escape stays on its line too.
cp "$TMP/w.json" "$TMP/we
ird$(printf '\033')[2J.json"
run validate "$TMP/we
ird$(printf '\033')[2J.json"
expect_rc 2 "odd file name"
[ "$(wc -l <"$TMP/err")" = 1 ] && ok || fail "odd file name: $(wc -l <"$TMP/err") lines for one error"
expect_err 'we\\nird\\u001b\[2J.json: /patient/weight_kg' "file name escaped"
run assess "$TMP/no
such.json"
[ "$(wc -l <"$TMP/err")" = 1 ] && ok || fail "missing odd file: one line"

# 4. CSV fields: a NUL byte and bytes that are not UTF-8 shown by their value, not cut.
{
    echo 'patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline'
    printf 'P1,2024-01-08,A,liver,target,,2\0005,,true\n'
    printf 'P2,2024-01-08,A,liver,target,,\xff\xfe,,true\n'
    printf 'P3,2024-01-08,L1\0x,liver,target,,25,,true\n'
    printf 'P3,2024-01-08,L1\0x,liver,target,,25,,true\n'
} >"$TMP/lesions.csv"
run response --any-order --csv "$TMP/lesions.csv"
expect_rc 2 "bad lesion table"
expect_err 'lesions.csv: line 2: expected a diameter' "the NUL row named"
expect_err 'found "2\\u00005"' "NUL byte shown"
expect_err 'found "\\xff\\xfe"' "invalid bytes shown"
expect_err 'found lesion L1\\u0000x again on 2024-01-08' "NUL-cut id shown whole"
[ "$(grep -c . "$TMP/err")" = 3 ] && ok || fail "three row errors, $(grep -c . "$TMP/err") lines"
python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$TMP/err" && ok ||
    fail "stderr is not valid UTF-8"

# 5. Bounded reading: /dev/zero is refused at the limit, having held no more than it.
run assess /dev/zero
expect_rc 2 "assess /dev/zero"
expect_err '/dev/zero: expected at most 1048576 bytes, found more' "case limit"
run assess --profile /dev/zero "$EX/low-risk-metachronous.json"
expect_rc 2 "profile /dev/zero"
run cohort - </dev/zero
expect_rc 2 "cohort from an endless stdin"
expect_err 'expected at most 268435456 bytes, found more' "cohort limit"
# Peak memory of the refusal: the limit and no more (today: twice the limit). Only a plain
# build measures it: valgrind and AddressSanitizer keep freed blocks and shadow memory.
if [ "${CRLM_VALGRIND:-0}" != 1 ] && ! grep -qa __asan_init "$CRLM"; then
    peak=$(python3 - "$CRLM" <<'EOF'
import resource, subprocess, sys
subprocess.run([sys.argv[1], "cohort", "/dev/zero"], stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
EOF
)
    [ "$peak" -lt 300 ] && ok || fail "cohort /dev/zero peaked at $peak MiB (limit 256 MiB)"
fi

finish
