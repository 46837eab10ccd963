# Contradictions across a case's sections are invalid input: exit 2, nothing on stdout, one
# error a line with its pointer (crlm assess, crlm validate and crlm batch alike).
. "$(dirname "$0")/common.inc"
EX="$SRC/examples/low-risk-metachronous.json"

# age 64 with a birth date that makes her 63 on 2024-06-12; surgery planned in 1900
sed 's/"age_years": 64,/"age_years": 64, "birth_date": "1960-06-13",/;
     s/"planned_on": "2024-06-26"/"planned_on": "1900-01-01"/' "$EX" >"$TMP/bad.json"
run assess --json "$TMP/bad.json"
expect_rc 2 "contradictions"
expect_empty_out "contradictions"
expect_err "$TMP/bad.json: /patient/age_years: expected the age birth_date (1960-06-13) gives on assessed_on (2024-06-12): 63, found 64" "age"
expect_err "$TMP/bad.json: /plan/planned_on: expected a date on or after 2024-06-03, the latest data the surgery is planned on (volumetry), found 1900-01-01" "planned_on"
run validate "$TMP/bad.json"
expect_rc 2 "validate"
expect_err "/plan/planned_on" "validate names planned_on"

# two ongoing lines
sed 's/"chemotherapy": \[\],/"chemotherapy": [{"line": 1, "started_on": "2024-01-10"}, {"line": 2, "started_on": "2024-03-01"}],/' \
    "$EX" >"$TMP/lines.json"
run assess --json "$TMP/lines.json"
expect_rc 2 "overlapping lines"
expect_err "$TMP/lines.json: /chemotherapy/1/started_on: expected a line starting after line 1 (index 0) ended; it has no ended_on, so it is still ongoing, found 2024-03-01, while line 1 (from 2024-01-10) is ongoing" "overlap named"
tr -d '\n' <"$TMP/lines.json" >"$TMP/lines.jsonl"
echo >>"$TMP/lines.jsonl"
run batch "$TMP/lines.jsonl"
expect_rc 2 "batch"
expect_out '"pointer":"/chemotherapy/1/started_on"' "batch error record"

# the same birth date with the right age, and a surgery planned on the day of the last data
sed 's/"age_years": 64,/"age_years": 63, "birth_date": "1960-06-13",/;
     s/"planned_on": "2024-06-26"/"planned_on": "2024-06-03"/' "$EX" >"$TMP/good.json"
run assess --json "$TMP/good.json"
expect_rc 0 "consistent case"
finish
