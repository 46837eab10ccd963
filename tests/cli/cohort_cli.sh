# crlm cohort from the outside: the Table 1 row as text, crlm-cohort/1 JSON, Table 1 CSV and
# SVG figures on the colon-derived fixture (values as R gives them, see
# tests/reference/cohort/colon_cohort.json), renamed columns, stdin, and invalid input
# (exit 2, "FILE: line L: expected ..., found ..." on stderr, nothing on stdout).
. "$(dirname "$0")/common.inc"
DATA="$SRC/tests/data/survival"
FX="$DATA/colon_cohort.csv"

run cohort --help
expect_rc 0 "--help"
expect_out 'response_group' "--help documents the columns"
expect_out '--time-unit' "--help documents --time-unit"

run cohort --time-unit days --covariates age,sex,nodes --json "$FX"
expect_rc 0 "JSON"
expect_out '"format": "crlm-cohort/1"' "format"
expect_out '"n": 929, "r0_n": 775, "r0_known": 906' "N and R0 as R"
expect_out '"group": "progression", "n": 314' "progression count"
expect_out '"median_os": 2077, "median_os_low": 1656, "median_os_high": 2789' "median OS of progression as R"
expect_out '"term": "response_group=progression", "hr": 1.50260981944' "HR as R (1.5026098194)"
expect_out '"n": 905, "events": 438, "converged": true' "Cox n, events"
expect_out '"dropped_missing": {"os": 6, "dfs": 15, "cox_os": 24}' "dropped per analysis"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out" && ok || fail "JSON parses"
fi

run cohort --time-unit days --covariates age,sex,nodes "$FX"
expect_rc 0 "text"
expect_out 'Cohort: 929 resected patients; R0 85.5%' "text head"
expect_out 'chisq 11.708 on 2 df, p = 0.00287' "OS log-rank as R"
expect_out 'HR 1.503 (95% CI 1.186-1.904), p = 0.000754; n = 905, 438 events' "text HR"
expect_out 'adjusted for age, sex, nodes' "text names the adjustment"

run cohort --time-unit days --csv "$FX"
expect_rc 0 "CSV"
expect_out '^n_total,r0_pct,group,n,n_pct,median_os_months,' "CSV header in Table 1 order"
expect_out '^929,85.5,P,314,34,68.2,54.4,91.6,92.4,65.2,52.4,' "CSV progression row"
[ "$(wc -l <"$TMP/out")" = 4 ] && ok || fail "CSV: header + 3 rows"

run cohort --csv "$DATA/colon_cohort_months.csv"
expect_out '^929,85.5,P,314,34,68.2,54.4,91.6,' "months input gives the same row"

run cohort --time-unit days --svg "$TMP/os.svg" --svg-dfs "$TMP/dfs.svg" "$FX"
expect_rc 0 "SVG"
grep -q 'xmlns="http://www.w3.org/2000/svg"' "$TMP/os.svg" && ok || fail "SVG namespace"
grep -q 'Number at risk' "$TMP/os.svg" && ok || fail "numbers at risk"
grep -q 'Overall survival' "$TMP/os.svg" && ok || fail "OS title"
grep -q 'Disease-free survival' "$TMP/dfs.svg" && ok || fail "DFS title"
grep -q 'Time since resection (days)' "$TMP/os.svg" && ok || fail "axis in days"
if command -v xmllint >/dev/null; then
    xmllint --noout "$TMP/os.svg" && ok || fail "SVG is well-formed XML"
fi

# renamed columns, from stdin
sed '1s/.*/id,grp,resection,ost,osd,dfst,dfsd,age,sex,nodes/' "$FX" >"$TMP/renamed.csv"
run cohort --group-col grp --r0-col resection --os-time ost --os-status osd --dfs-time dfst \
    --dfs-status dfsd --time-unit days --json - <"$TMP/renamed.csv"
expect_rc 0 "renamed columns from stdin"
expect_out '"median_os": 2077, "median_os_low": 1656' "renamed: same numbers"

# invalid input
printf 'response_group,r0,os_time,os_status,dfs_time,dfs_status\nresponse,yes,10,1,5,1\nresponse,yes,12,x,5,1\n' >"$TMP/bad.csv"
run cohort "$TMP/bad.csv"
expect_rc 2 "bad status"
expect_err "bad.csv: line 3, column 4: expected 1 (event) or 0 (censored) (or empty/NA) in column \"os_status\", found \"x\"" "bad status located"
expect_empty_out "bad status"

printf 'response_group,r0,os_time,os_status,dfs_time,dfs_status\nregression,yes,10,1,5,1\nstable,maybe,-1,1,5,1\n' >"$TMP/bad2.csv"
run cohort "$TMP/bad2.csv"
expect_rc 2 "bad group, R0, time"
expect_err 'bad2.csv: line 2, column [0-9]*: expected response, stable or progression' "bad group"
expect_err 'bad2.csv: line 3, column [0-9]*: expected 1/0, true/false or yes/no' "bad R0"
expect_err 'bad2.csv: line 3, column [0-9]*: expected a time >= 0' "negative time"

printf 'response_group,r0,os_time,os_status\nresponse,yes,10,1\n' >"$TMP/cols.csv"
run cohort "$TMP/cols.csv"
expect_rc 2 "missing columns"
expect_err 'cols.csv: line 1: expected a column named "dfs_time" in the header, found no such column' "missing column named"

printf 'response_group,r0,os_time,os_status,dfs_time,dfs_status\nresponse,yes,10,1,5\n' >"$TMP/short.csv"
run cohort "$TMP/short.csv"
expect_rc 2 "short row"
expect_err 'short.csv: line 2, column [0-9]*: expected 6 fields as in the header' "short row located"

run cohort --time-unit weeks "$FX"
expect_rc 2 "unknown time unit"
run cohort "$TMP/does-not-exist.csv"
expect_rc 2 "missing file"
run cohort --covariates age,bogus --time-unit days "$FX"
expect_rc 2 "unknown covariate"
expect_err 'a column named "bogus"' "unknown covariate named"

finish
