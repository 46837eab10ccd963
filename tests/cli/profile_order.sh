# A profile whose thresholds break an order (crlm/profile.h, CRLM_PARAM_ORDER_TABLE) is
# refused by every command that reads a profile: exit 2, nothing on stdout, one error a line
# naming the parameter's value, the other parameter and its value, and what was found.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples/low-risk-metachronous.json"

sed 's/"flr_chemotherapy_pct": { "value": 30/"flr_chemotherapy_pct": { "value": 15/;
     s/"bevacizumab_critical_under_days": { "value": 28/"bevacizumab_critical_under_days": { "value": 50/' \
    "$SRC/profiles/default.json" >"$TMP/bad.json"
MSG1="$TMP/bad.json: /parameters/flr_chemotherapy_pct/value: expected at least flr_normal_pct (20; remnant: chemotherapy needs no less), found the number 15"
MSG2="$TMP/bad.json: /parameters/bevacizumab_min_days/value: expected at least bevacizumab_critical_under_days (50; bevacizumab interval), found the number 42"

run assess --json --profile "$TMP/bad.json" "$EX"
expect_rc 2 "assess with an unordered profile"
expect_empty_out "assess with an unordered profile"
expect_err "$MSG1" "FLR thresholds named"
expect_err "$MSG2" "bevacizumab intervals named"
[ "$(wc -l <"$TMP/err")" = 2 ] && ok || fail "two errors, one a line"

for cmd in "response" "batch"; do
    run $cmd --profile "$TMP/bad.json" "$EX"
    expect_rc 2 "$cmd with an unordered profile"
    expect_err "$MSG1" "$cmd names the parameter"
done

# at equality the profile reads: normal 20 = chemotherapy 20
sed 's/"flr_chemotherapy_pct": { "value": 30/"flr_chemotherapy_pct": { "value": 20/' \
    "$SRC/profiles/default.json" >"$TMP/equal.json"
run assess --json --profile "$TMP/equal.json" "$EX"
expect_rc 0 "equal thresholds read"
finish
