# crlm assess --set: what-if changes, what they change in the recommendation and the checks,
# and refusals of malformed or invalid changes. Expected values: two-stage-candidate is 168 cm,
# 63 kg: BSA sqrt(168*63/3600) = 1.7146 m2, TLV -794.41 + 1267.28 x 1.7146 = 1378.5 mL; FLR
# 312 mL = 22.6 % < 30 % after chemotherapy (augmentation); 520 mL = 37.7 % >= 30 %.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples/two-stage-candidate.json"

run assess --json --set /volumetry/0/flr_ml=520 "$EX"
expect_rc 0 "what-if remnant"
expect_out '"what_if":{"changes":\[{"pointer":"/volumetry/0/flr_ml","before":"312","after":"520"}\]' "change listed"
expect_out '"recommendation_before":"remnant_augmentation","recommendation_after":"resection_after_chemotherapy","recommendation_changed":true' "recommendation changes"
expect_out '"checks_added":\["anti_egfr_resectable"\],"checks_removed":\["remnant_inadequate"\]' "checks diff"

run assess --set /volumetry/0/flr_ml=520 "$EX"
expect_rc 0 "what-if text"
expect_out 'recommendation changes: remnant_augmentation -> resection_after_chemotherapy' "text what-if"

run assess --json --set /volumetry/0/flr_ml=313 "$EX"
expect_out '"recommendation_changed":false' "a change that changes nothing says so"

run assess --json --set /plan/procedure=major_hepatectomy --set '/cea/-={"date":"2024-05-10","value_ng_ml":250}' "$EX"
expect_rc 0 "bare word and append"
expect_out '"after":"\\"major_hepatectomy\\""' "bare word taken as a string"
expect_out '"cea_ng_ml":250' "appended CEA used"

run assess --json --set '/volumetry/0/flr_ml=null' "$EX"
expect_rc 0 "null makes unknown"
expect_out '"recommendation_after":"insufficient_data"' "unknown remnant is decisive"

run assess --set /volumetry/7/flr_ml=1 "$EX"
expect_rc 2 "index out of range"
expect_err '^--set: /volumetry/7/flr_ml: expected an existing array index' "pointer named"
expect_empty_out "nothing on stdout"
run assess --set /nowhere/x=1 "$EX"
expect_rc 2 "missing parent"
run assess --set volumetry "$EX"
expect_rc 2 "no equals sign"
run assess --set /patient/height_cm=400 "$EX"
expect_rc 2 "changed case invalid"
expect_err '/patient/height_cm: expected a number from 50 to 250, found the number 400' "validated after the change"

finish
