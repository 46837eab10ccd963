# crlm evidence: the table, flagged cells marked, pooled figures as computed by hand
# (tests/evidence/test_evidence.c), JSON form, and a bad argument.
. "$(dirname "$0")/common.inc"
run evidence
expect_rc 0 "evidence text"
expect_out 'Adam 2004        seed:29  P       34    36\*' "flagged n % marked"
expect_out 'os_5y_pct   35.7 % (27.0-45.5), 2 studies, 102 patients' "pooled response 5-year OS"
expect_out 'dfs_5y_pct no usable study' "nothing pooled from flagged values"
run evidence --json
expect_rc 0 "evidence json"
expect_out '"pooled":{"response":{"os_1y_pct":{"studies":1,"patients":58,"estimate":95,"low":85.4,"high":98.4' "pooled JSON"
expect_out '"fong_1999":\[{"score":0,"os_5y_pct":60,"median_os_months":74}' "Fong table"
run evidence --bogus
expect_rc 2 "bad argument"
finish
