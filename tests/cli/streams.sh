# Exit codes and standard output, the same for every command (README, "Exit status"):
# a full standard output is a failure with a message (1), whatever the command printed,
# --help and --version included; a directory, a missing file or an unreadable input is
# invalid input (2); an option after a file name is a usage error (2), never a file name.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"
CASE="$EX/progression-on-chemotherapy.json"
LESIONS="$SRC/tests/data/response/cohort.csv"
COHORT="$SRC/tests/data/survival/colon_cohort.csv"
SURV="$SRC/tests/data/survival/colon.csv"
tr -d '\n' <"$CASE" >"$TMP/one.jsonl"
echo >>"$TMP/one.jsonl"

# Each command with a valid input in place of @, one a line.
cat >"$TMP/commands" <<'EOF'
assess @CASE
assess --json @CASE
assess --html @CASE
validate @CASE
batch @JSONL
response @CASE
response --text @CASE
response --any-order --csv @LESIONS
response --any-order --jsonl --csv @LESIONS
survival --time time --event status @SURV
survival --json --time time --event status @SURV
cohort @COHORT
cohort --json @COHORT
evidence
evidence --json
EOF
# The command with its own input, or with $2 for it.
with() {
    local l=$1 f=${2:-}
    l=${l/@CASE/${f:-$CASE}}
    l=${l/@JSONL/${f:-$TMP/one.jsonl}}
    l=${l/@LESIONS/${f:-$LESIONS}}
    l=${l/@SURV/${f:-$SURV}}
    l=${l/@COHORT/${f:-$COHORT}}
    echo "$l"
}

# 1. stdout full: exit 1 and a message, for every command and every help text.
while read -r line <&3; do
    line=$(with "$line")
    # shellcheck disable=SC2086
    run_to /dev/full $line
    expect_rc 1 "$line > /dev/full"
    expect_err "cannot write the standard output" "$line > /dev/full: message"
done 3<"$TMP/commands"
for cmd in assess validate batch response survival cohort evidence; do
    run_to /dev/full "$cmd" --help
    expect_rc 1 "$cmd --help > /dev/full"
    expect_err "cannot write the standard output" "$cmd --help > /dev/full: message"
done
for arg in --help --version; do
    run_to /dev/full "$arg"
    expect_rc 1 "crlm $arg > /dev/full"
done
# ... and the same commands succeed on a working stdout (the list above is valid).
while read -r line <&3; do
    line=$(with "$line")
    # shellcheck disable=SC2086
    run $line
    expect_rc 0 "$line"
done 3<"$TMP/commands"

# 2. A directory, a missing file, an unreadable file as the input: exit 2, for every command.
mkdir "$TMP/dir"
printf 'x' >"$TMP/unreadable"
chmod 000 "$TMP/unreadable"
for bad in "$TMP/dir" "$TMP/missing.json" "$TMP/unreadable"; do
    # root reads a mode-000 file: that case then only applies to other users
    if [ "$bad" = "$TMP/unreadable" ] && [ -r "$bad" ]; then
        continue
    fi
    while read -r line <&3; do
        case "$line" in evidence*) continue ;; esac
        line=$(with "$line" "$bad")
        # shellcheck disable=SC2086
        run $line
        expect_rc 2 "$line"
    done 3<"$TMP/commands"
    run assess --profile "$bad" "$CASE"
    expect_rc 2 "assess --profile $bad"
    expect_empty_out "assess --profile $bad"
    run batch --profile "$bad" "$TMP/one.jsonl"
    expect_rc 2 "batch --profile $bad"
done
run validate "$TMP/dir"
expect_err "dir: cannot open: Is a directory" "a directory named as such"
# Batch goes on after an input it cannot open, and says so in the stream.
run batch "$TMP/dir" "$TMP/one.jsonl"
expect_rc 2 "batch: a directory among the inputs"
expect_out '"source":"'"$TMP"'/dir","line":0,"errors":\[{"code":"E_IO"' "batch: error record for the directory"
expect_out '"format":"crlm-report/1"' "batch: the next input is still assessed"
# Validate reports every file: the good one is still valid.
run validate "$TMP/missing.json" "$CASE"
expect_rc 2 "validate: a missing file among good ones"
expect_out "$CASE: valid" "validate goes on"

# 3. Options after a file name: usage errors, never file names.
for line in "assess $CASE --json" "assess $CASE --svg $TMP/s.svg" "validate $CASE --json" \
    "batch $TMP/one.jsonl --profile $SRC/profiles/default.json" "response $CASE --text" \
    "survival --time time $SURV --event status" "cohort $COHORT --json"; do
    # shellcheck disable=SC2086
    run $line
    expect_rc 2 "$line"
    expect_err "after the file names" "$line: says why"
    expect_empty_out "$line"
done
[ ! -e "$TMP/s.svg" ] && ok || fail "an option after the file was obeyed"
# '--' ends the options; '-' is standard input.
cp "$CASE" "$TMP/--json"
run assess -- "$TMP/--json"
expect_rc 0 "-- then a file named like an option"
run assess --json - <"$CASE"
expect_rc 0 "- is standard input"
run evidence extra
expect_rc 2 "evidence takes no file"
run assess --svg
expect_rc 2 "an option without its value"
expect_err "option '--svg' needs a value" "missing value named"

finish
