# crlm batch: JSON Lines in and out, a bad line becomes an error object and never stops the
# batch, blank lines are skipped, exit 2 when any line was invalid.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"
for f in low-risk-metachronous synchronous-high-risk missing-cea; do
    tr -d '\n' <"$EX/$f.json" >>"$TMP/in.jsonl"
    echo >>"$TMP/in.jsonl"
done
echo '{"format":"crlm-case/1","id":"BAD","patient":{"ecog":9}}' >>"$TMP/in.jsonl"
echo '' >>"$TMP/in.jsonl"
echo 'not json at all' >>"$TMP/in.jsonl"
tr -d '\n' <"$EX/two-stage-candidate.json" >>"$TMP/in.jsonl"
echo >>"$TMP/in.jsonl"

run batch "$TMP/in.jsonl"
expect_rc 2 "batch with bad lines"
[ "$(wc -l <"$TMP/out")" = 6 ] && ok || fail "six output lines, got $(wc -l <"$TMP/out")"
[ "$(grep -c '^{"format":"crlm-report/1"' "$TMP/out")" = 4 ] && ok || fail "four reports"
expect_out '{"format":"crlm-error/1","source":"'"$TMP/in.jsonl"'","line":4,"errors":\[{"code":"E_RANGE","pointer":"/patient/ecog"' "error object line 4"
expect_out '"line":6,"errors":\[{"code":"E_SYNTAX"' "syntax error line 6"
sed -n 6p "$TMP/out" | grep -q '"case_id":"EX-TWOSTAGE-05"' && ok || fail "batch goes on after bad lines"

head -n 3 "$TMP/in.jsonl" >"$TMP/good.jsonl"
run batch - <"$TMP/good.jsonl"
expect_rc 0 "clean batch from stdin"
[ "$(wc -l <"$TMP/out")" = 3 ] && ok || fail "three reports from stdin"

# The same case gives the same report in batch and in assess.
run assess --json "$EX/missing-cea.json"
cp "$TMP/out" "$TMP/one.json"
run batch "$TMP/good.jsonl"
sed -n 3p "$TMP/out" | cmp -s - "$TMP/one.json" && ok || fail "batch line equals assess --json"

finish
