# An impossible remnant figure is an unknown that decides, through crlm assess: a child's
# height and weight typed for an adult, a profile whose TLV formula gives 0 mL, a remnant
# larger than the estimated liver. Each gives sFLR null, adequate and resectable null, the
# recommendation insufficient_data naming the figure, and a warning that says why.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples/low-risk-metachronous.json"

sed 's/"height_cm": 165, "weight_kg": 68/"height_cm": 50, "weight_kg": 10/' "$EX" >"$TMP/child.json"
run assess --json "$TMP/child.json"
expect_rc 0 "50 cm, 10 kg"
expect_out '"tlv_estimated_ml":null,' "TLV refused"
expect_out '"sflr_pct":null,' "no sFLR (was -347.7 %)"
expect_out '"adequate":null,' "adequacy unknown"
expect_out '"resectable":null,' "resectability unknown"
expect_out '"recommendation":"insufficient_data"' "stops the decision"
expect_out '"missing":\["tlv_estimated_ml"\]' "names the TLV"
expect_out '"code":"remnant_volume_implausible","severity":"warning","message":"Estimated total liver volume -322 mL' "says why"

sed 's/"tlv_intercept_ml": { "value": -794.41/"tlv_intercept_ml": { "value": 0/;
     s/"tlv_slope_ml_per_m2": { "value": 1267.28/"tlv_slope_ml_per_m2": { "value": 0/' \
    "$SRC/profiles/default.json" >"$TMP/zero.json"
run assess --json --profile "$TMP/zero.json" "$EX"
expect_rc 0 "zero formula"
expect_out '"adequate":null,' "zero formula: adequacy unknown (was true)"
expect_out '"resectable":null,' "zero formula: resectability unknown (was true)"
expect_out '"recommendation":"insufficient_data"' "zero formula: no upfront resection"

# 150 cm, 45 kg: TLV 940.9 mL; the example's remnant of 1120 mL would be 119 %
sed 's/"height_cm": 165, "weight_kg": 68/"height_cm": 150, "weight_kg": 45/' "$EX" >"$TMP/small.json"
run assess --json "$TMP/small.json"
expect_rc 0 "remnant over TLV"
expect_out '"sflr_pct":null,' "no sFLR over 100 %"
expect_out '"missing":\["sflr_pct"\]' "names the sFLR"
run assess "$TMP/small.json"
expect_out 'Future liver remnant 1120 mL is larger than the estimated total liver volume 941 mL' "text says why"
finish
