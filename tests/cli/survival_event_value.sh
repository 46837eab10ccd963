# crlm survival --event COL=VALUE where no row has VALUE, or VALUE empty, used to censor every
# patient silently ("events = 0"): it is invalid input (exit 2) naming the column and the
# values found, with nothing on stdout.
. "$(dirname "$0")/common.inc"
printf 't,vital\n1,alive\n2,alive\n3,Dead\n4,\n' >"$TMP/c.csv"

run survival --time t --event vital=dead "$TMP/c.csv"
expect_rc 2 "no row has the value"
expect_empty_out "no row has the value"
expect_err "$TMP/c.csv: line 1, column 2: expected at least one complete row with \"dead\" in column \"vital\", found none of 3; its values are \"alive\", \"Dead\"" "names the values"

run survival --time t --event vital= "$TMP/c.csv"
expect_rc 2 "empty value"
expect_empty_out "empty value"
expect_err 'expected an event value for column "vital" (COLUMN=VALUE), found an empty value' "empty value named"

run survival --json --time t --event vital=Dead "$TMP/c.csv"
expect_rc 0 "the value as written"
finish
