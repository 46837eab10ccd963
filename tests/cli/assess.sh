# crlm assess / validate on the bundled examples: exit codes, the error format, and a few
# values of the report that the unit tests computed by hand.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"

run assess --json "$EX/synchronous-high-risk.json"
expect_rc 0 "assess synchronous"
expect_out '^{"format":"crlm-report/1","engine":{"version":"' "report head"
expect_out '"profile_sha256":"e2c3a22114015d4bbffc898a289daa32ede582c8bd80b1958adf0129b1669582"' "profile hash"
expect_out '"fong_crs":{"value":3,"min":3,"max":3,"missing":\[\],"risk":"high"' "Fong 3 high"
expect_out '"tumor_burden_score":{"value":5.16,' "TBS 5.16"
expect_out '"pathway":{"recommendation":"perioperative_chemotherapy","options":\["upfront_resection"\]' "pathway high risk"
expect_out '"regimen":{"suggested":\["doublet"\],"avoid":\["anti_egfr_perioperative"\]}' "regimen"
[ "$(wc -l <"$TMP/out")" = 1 ] && ok || fail "one JSON line"

run assess --json "$EX/missing-cea.json"
expect_rc 0 "assess missing CEA"
expect_out '"fong_crs":{"value":null,"min":3,"max":4,"missing":\["cea"\],"risk":"high"' "Fong range"
expect_out '"cea_over_200":null' "CEA factor unknown"
expect_out '"recommendation":"insufficient_data"' "unknown chemotherapy history is decisive"
expect_out '"missing":\["chemotherapy"\]' "names what is missing"

run assess "$EX/progression-on-chemotherapy.json"
expect_rc 0 "assess text"
expect_out 'Fong CRS (0-5)' "text scores"
expect_out 'not a decision' "text disclaimer"
expect_out 'RECOMMENDED PATHWAY: resection_despite_progression' "text pathway"
expect_out 'WARNING  prolonged_chemotherapy' "text checks"

run assess --json - <"$EX/low-risk-metachronous.json"
expect_rc 0 "assess stdin"
expect_out '"case_id":"EX-LOWRISK-01"' "stdin case id"

run assess --json "$EX/invalid.json"
expect_rc 2 "invalid case"
expect_empty_out "invalid case"
[ "$(grep -c "^$EX/invalid.json: /" "$TMP/err")" = 7 ] && ok || fail "seven errors, one a line"
expect_err "$EX/invalid.json: /patient/height_cm: expected a number from 50 to 250, found the number 320" "height error"
expect_err "/imaging/0/lesions/1/id: expected a lesion id unique within the study" "duplicate id"

printf '{"format":"crlm-case/1",\n "id": "X",,}' >"$TMP/syntax.json"
run assess "$TMP/syntax.json"
expect_rc 2 "syntax error"
expect_err "syntax.json: line 2, column" "syntax line and column"

run assess "$TMP/does-not-exist.json"
expect_rc 2 "missing file"
run assess --bogus "$EX/invalid.json"
expect_rc 2 "unknown option"
run frobnicate
expect_rc 2 "unknown command"

run assess --json --profile "$SRC/profiles/default.json" "$EX/synchronous-high-risk.json"
expect_rc 0 "explicit default profile"
expect_out '"profile_sha256":"e2c3a22114015d4bbffc898a289daa32ede582c8bd80b1958adf0129b1669582"' "same hash from the file"

sed 's/"fong_cea_ng_ml_over": { "value": 200/"fong_cea_ng_ml_over": { "value": 30/; s/"name": "default"/"name": "centre-x"/' \
    "$SRC/profiles/default.json" >"$TMP/centre.json"
run assess --json --profile "$TMP/centre.json" "$EX/synchronous-high-risk.json"
expect_rc 0 "centre profile"
expect_out '"profile":"centre-x"' "centre profile name"
expect_out '"fong_crs":{"value":4,' "CEA 35 over a 30 cut-off scores"

sed 's/"kgr_min_pct_per_week": {[^}]*},//' "$SRC/profiles/default.json" >"$TMP/short.json"
run assess --profile "$TMP/short.json" "$EX/synchronous-high-risk.json"
expect_rc 2 "incomplete profile"
expect_empty_out "incomplete profile"
expect_err "short.json: /parameters/kgr_min_pct_per_week: expected every parameter" "missing parameter named"

run validate "$EX/low-risk-metachronous.json" "$EX/two-stage-candidate.json"
expect_rc 0 "validate good"
expect_out "two-stage-candidate.json: valid" "validate says valid"
run validate "$EX/low-risk-metachronous.json" "$EX/invalid.json"
expect_rc 2 "validate bad"
expect_err "invalid.json: /chemotherapy/0/ended_on: expected a date on or after started_on" "validate error"

finish
