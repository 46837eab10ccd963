# crlm batch reads lines by length (crlm/lines.h): every non-blank input line gives exactly
# one record (a report or a crlm-error/1 naming the line), whatever bytes it holds. A NUL at
# the start of a line used to make the case vanish with exit 0, a NUL inside hid the rest of
# the line, 3 MiB of NULs read as no input; CRLF ends, a last line without a line end and a
# line over the limit (one record, then the next line as usual) are covered too.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"
tr -d '\n' <"$EX/low-risk-metachronous.json" >"$TMP/a"
tr -d '\n' <"$EX/progression-on-chemotherapy.json" >"$TMP/b"

# The line numbers of the records, in order ("R" for a report).
records() {
    python3 - "$TMP/out" <<'EOF'
import json, sys
out = []
for raw in open(sys.argv[1], "rb").read().split(b"\n")[:-1]:
    r = json.loads(raw.decode("utf-8"))  # valid UTF-8 JSON, or this fails
    out.append("R" if r["format"] == "crlm-report/1" else str(r["line"]))
print(" ".join(out))
EOF
}

# 1. NUL bytes: at the start of a line, inside a line, a line of NULs only.
{
    printf '\0'; cat "$TMP/a"; printf '\n'
    head -c 40 "$TMP/b"; printf '\0'; tail -c +41 "$TMP/b"; printf '\n'
    printf '\0\0\0\n'
    cat "$TMP/a"; printf '\n'
} >"$TMP/nul.jsonl"
run batch "$TMP/nul.jsonl"
expect_rc 2 "NUL bytes make lines invalid"
[ "$(records)" = "1 2 3 R" ] && ok || fail "NUL lines: records '$(records)', expected '1 2 3 R'"
expect_out '"line":1,"errors":\[{"code":"E_SYNTAX","pointer":"","line":1,"column":1,"expected":"valid JSON","found":"a NUL byte"}' "NUL at the start named"
expect_out '"line":2,"errors":\[{"code":"E_SYNTAX","pointer":"","line":1,"column":41,' "NUL inside named at its column"

# 2. 3 MiB of NULs: one line over the limit, not "no input".
head -c 3145728 /dev/zero >"$TMP/zeros"
run batch "$TMP/zeros"
expect_rc 2 "3 MiB of NULs"
[ "$(records)" = "1" ] && ok || fail "3 MiB of NULs: records '$(records)', expected '1'"
expect_out '"code":"E_LIMIT","pointer":"","expected":"a case of at most 1048576 bytes","found":"a line of 3145728 bytes"' "the long line measured"

# 3. A line over the limit between two cases: one record, and the reader back in step.
{
    cat "$TMP/a"; printf '\n'
    printf '{"pad":"'; head -c 1100000 /dev/zero | tr '\0' 'x'; printf '"}\n'
    cat "$TMP/b"; printf '\n'
} >"$TMP/long.jsonl"
run batch "$TMP/long.jsonl"
expect_rc 2 "a line over the limit"
[ "$(records)" = "R 2 R" ] && ok || fail "long line: records '$(records)', expected 'R 2 R'"

# 4. CRLF line ends, blank lines (spaces, tabs, CRs), a last line without a line end.
{
    cat "$TMP/a"; printf '\r\n'
    printf ' \t\r\n\r\n'
    printf 'not json\r\n'
    cat "$TMP/b"
} >"$TMP/crlf.jsonl"
run batch "$TMP/crlf.jsonl"
expect_rc 2 "CRLF with a bad line"
[ "$(records)" = "R 4 R" ] && ok || fail "CRLF: records '$(records)', expected 'R 4 R'"
{ cat "$TMP/a"; printf '\r\n'; cat "$TMP/b"; printf '\r'; } >"$TMP/crlf-ok.jsonl"
run batch - <"$TMP/crlf-ok.jsonl"
expect_rc 0 "CRLF cases from stdin"
[ "$(records)" = "R R" ] && ok || fail "CRLF ok: records '$(records)', expected 'R R'"

# 5. Bytes that are not UTF-8 and control characters in a line: the error record is still
# valid UTF-8 JSON, and the message on one line.
# (jansson quotes the bytes after a bad escape as they are: here half a character.)
printf '{"format":"crlm-case/1","id":"\xff\x01"}\n{"a\\\xdc\x9c\x9cb":1}\n{"\xe2\x82":1}\n' >"$TMP/bytes.jsonl"
run batch "$TMP/bytes.jsonl"
expect_rc 2 "invalid bytes"
[ "$(records)" = "1 2 3" ] && ok || fail "invalid bytes: records '$(records)', expected '1 2 3'"
expect_out '"found":"invalid escape near '"'"'\\"a\\\\\\\\xdc'"'"'"' "the half character shown by its value"

# 6. Every line accounted for on a mixed file: records = non-blank lines.
for i in 1 2 3 4 5; do cat "$TMP/a"; printf '\n\n'; printf '{}\n'; done >"$TMP/mixed.jsonl"
run batch "$TMP/mixed.jsonl"
[ "$(records | wc -w)" = 10 ] && ok || fail "mixed: $(records | wc -w) records for 10 non-blank lines"

finish
