# The RECIST working group's clarifications through the command line: continuing PR (profile
# continuing_pr_rule, on by default) in crlm assess and crlm response, and a baseline without
# an evaluable follow-up judged not evaluable ("ne").
. "$(dirname "$0")/common.inc"
D="$SRC/tests/data/response"

# E2: 100 -> 68 (PR) -> 75 (-25 %, +10.3 % over the nadir): PR, PR with the rule on
run assess --json "$D/e2.json"
expect_rc 0 "E2 default"
expect_out '"change_from_baseline_pct":-25.0,"change_from_nadir_pct":10.3,"target":"pr","non_target":"none","new_lesions":"no","overall":"pr"}' "E2 second time point PR"
expect_out '"code":"recist_continuing_pr","severity":"info"' "E2 says why"
run assess "$D/e2.json"
expect_out 'pr (continuing PR: no progression since the PR)' "E2 text"

# the rule off: PR, SD (best PR: confirmation is off)
sed 's/"continuing_pr_rule": { "value": true/"continuing_pr_rule": { "value": false/' \
    "$SRC/profiles/default.json" >"$TMP/off.json"
run assess --json --profile "$TMP/off.json" "$D/e2.json"
expect_rc 0 "E2 rule off"
expect_out '"change_from_nadir_pct":10.3,"target":"sd","non_target":"none","new_lesions":"no","overall":"sd"}' "E2 off: SD"
expect_out '"best_overall":"pr"' "E2 off: best PR"
grep -q recist_continuing_pr "$TMP/out" && fail "E2 off: no continuing-PR check" || ok

# what if the 45 mm were 52 (82 mm, +20.6 % and +14 mm over the nadir 68): PD ends the response
run assess --json --set /imaging/2/lesions/0/diameter_mm=52 "$D/e2.json"
expect_rc 0 "what-if"
expect_out '"change_from_nadir_pct":20.6,"target":"pd","non_target":"none","new_lesions":"no","overall":"pd"}' "what-if: PD"
expect_out '"checks_removed":\["recist_continuing_pr"\]' "what-if: the continuing PR is gone"

# the same through a lesion table, and a patient with a baseline only
cat >"$TMP/lesions.csv" <<'CSV'
patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline
E2,2024-01-08,A,liver,target,,60,,true
E2,2024-01-08,B,liver,target,,40,,true
E2,2024-03-04,A,liver,target,,40,,
E2,2024-03-04,B,liver,target,,28,,
E2,2024-04-01,A,liver,target,,45,,
E2,2024-04-01,B,liver,target,,30,,
F1,2024-01-08,A,liver,target,,30,,true
CSV
run response --csv "$TMP/lesions.csv"
expect_rc 0 "lesion table"
expect_out '^E2,timepoint,2024-04-01,2024-01-08,75.0,-25.0,10.3,pr,none,no,pr,$' "lesion table continuing PR"
expect_out '^F1,best,,2024-01-08,,,,,,,ne,$' "baseline only: ne"
run response --csv "$TMP/lesions.csv" --profile "$TMP/off.json"
expect_out '^E2,timepoint,2024-04-01,2024-01-08,75.0,-25.0,10.3,sd,none,no,sd,$' "lesion table rule off"

# a case whose only study is the baseline: best overall response "ne", not null
run assess --json "$SRC/examples/low-risk-metachronous.json"
expect_rc 0 "baseline only"
expect_out '"timepoints":\[\],"best_overall":"ne"' "baseline only: ne"
finish
