#!/bin/bash
# `crlm survival` from the outside: exit codes, the crlm-survival/1 document, text output,
# and errors on stderr as "FILE: line L, column C: expected ..., found ...".
# Usage: bash survival_cli.sh /path/to/crlm /path/to/source
set -u
CRLM=$1
SRC=$2
. "$(dirname "$0")/valgrind.inc"
DATA=$SRC/tests/data/survival
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
check() { # description, condition result
    if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

crlm_run survival --help >"$TMP/help" 2>&1
check "--help exits 0" $?
grep -q -- '--covariates' "$TMP/help"
check "--help documents --covariates" $?

crlm_run survival --time time --event status --group rx --covariates age,sex,nodes,rx \
    --at 365,1825 --json "$DATA/colon_death.csv" >"$TMP/out.json" 2>"$TMP/err"
check "colon JSON exits 0" $?
grep -q '"format": "crlm-survival/1"' "$TMP/out.json"
check "format key" $?
grep -q '"n": 911, "events": 441, "dropped_missing": 18' "$TMP/out.json"
check "n, events, dropped_missing as R (911, 441, 18)" $?
grep -q '"name": "rx=Lev+5FU", "coef": -0.3224' "$TMP/out.json"
check "factor contrast named rx=Lev+5FU with R's coefficient" $?
grep -q '"ties": "efron"' "$TMP/out.json"
check "Efron by default" $?
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out.json"
    check "output is valid JSON" $?
fi

crlm_run survival --time time --event status --group rx --ties breslow \
    --covariates age "$DATA/colon_death.csv" >"$TMP/out.txt"
check "text output exits 0" $?
grep -q 'Breslow ties' "$TMP/out.txt" && grep -q 'Log-rank test' "$TMP/out.txt"
check "text output has the log-rank and Cox sections" $?

crlm_run survival --time time --event status=2 --json "$DATA/pbc.csv" >"$TMP/pbc.json"
check "--event status=2 exits 0" $?
grep -q '"n": 418, "events": 161' "$TMP/pbc.json"
check "pbc deaths = 161" $?

# invalid input: exit 2 and a located error
printf 'time,status\n10,1\n12,x\n' >"$TMP/bad.csv"
crlm_run survival --time time --event status "$TMP/bad.csv" >/dev/null 2>"$TMP/err"
check "bad value exits 2" $([ $? -eq 2 ]; echo $?)
grep -q "bad.csv: line 3, column 2: expected 0/1 or 1/2" "$TMP/err"
check "bad value error names line and column" $?

crlm_run survival --time days --event status "$DATA/lung.csv" >/dev/null 2>"$TMP/err"
check "missing column exits 2" $([ $? -eq 2 ]; echo $?)
grep -q 'a column named "days"' "$TMP/err"
check "missing column is named" $?

printf 'time,status\n1,"1\n' >"$TMP/quote.csv"
crlm_run survival --time time --event status "$TMP/quote.csv" >/dev/null 2>"$TMP/err"
check "unterminated quote exits 2" $([ $? -eq 2 ]; echo $?)
grep -q 'line 2, column 2: expected a closing quote' "$TMP/err"
check "unterminated quote located" $?

crlm_run survival --time time --event status --ties exact "$DATA/lung.csv" >/dev/null 2>&1
check "unknown ties exits 2" $([ $? -eq 2 ]; echo $?)
crlm_run survival --time time "$DATA/lung.csv" >/dev/null 2>&1
check "missing --event exits 2" $([ $? -eq 2 ]; echo $?)
crlm_run survival --time time --event status "$TMP/does-not-exist.csv" >/dev/null 2>&1
check "missing file exits 2" $([ $? -eq 2 ]; echo $?)

# stdin
crlm_run survival --time time --event status --json - <"$DATA/veteran.csv" >"$TMP/v.json"
check "reads stdin" $?
grep -q '"n": 137, "events": 128' "$TMP/v.json"
check "veteran from stdin" $?

if [ $fails -ne 0 ]; then
    echo "$fails check(s) failed"
    exit 1
fi
echo "all survival CLI checks passed"
