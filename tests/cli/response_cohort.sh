#!/usr/bin/env bash
# `crlm response`: the cohort reader end to end (golden output for hand-checked patients:
# E5, E6, E7, E9 of clinical-reference 3.9, a too-small target, an equivocal new lesion
# confirmed later), bad rows marking only their patient with exit 2 and the stderr format,
# JSON Lines, the waterfall and spider SVGs, and a single case.
# Usage: response_cohort.sh /path/to/crlm /path/to/source-dir
set -u
crlm=$1
src=$2
CRLM=$crlm
. "$(dirname "$0")/valgrind.inc"
data=$src/tests/data/response
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. golden CSV, CRLF input, quoted ids
crlm_run response --csv "$data/cohort.csv" --any-order >"$tmp/out.csv" 2>"$tmp/err" || fail "cohort exit $?"
diff -u "$data/cohort.expected.csv" "$tmp/out.csv" || fail "cohort output differs"
[ ! -s "$tmp/err" ] || fail "unexpected stderr: $(cat "$tmp/err")"

# 2. bad rows: exit 2, one message per bad row, good patients still judged
crlm_run response --csv "$data/cohort_bad.csv" --any-order >"$tmp/bad.csv" 2>"$tmp/bad.err"
rc=$?
[ "$rc" -eq 2 ] || fail "bad cohort exit $rc, wanted 2"
grep -qx "$data/cohort_bad.csv: line 11: expected a diameter from 0 to 1000 mm or empty in diameter_mm, found \"bad\"" "$tmp/bad.err" \
  || fail "stderr: $(cat "$tmp/bad.err")"
grep -q "line 14: expected the rows of a patient together, found patient P1 again" "$tmp/bad.err" \
  || fail "split patient not reported"
grep -qx 'P1,timepoint,2024-04-29,2024-01-08,86.0,-14.0,22.9,pd,none,no,pd,' "$tmp/bad.csv" || fail "P1 E3 PD row"
grep -qx 'P1,best,,2024-01-08,,-30.0,,,,,pr,' "$tmp/bad.csv" || fail "P1 best row"
grep -q '^"P,2",error,' "$tmp/bad.csv" || fail "P,2 error record"
grep -qx 'P3,timepoint,2024-03-04,2024-01-08,,,,none,cr,no,cr,' "$tmp/bad.csv" || fail "P3 non-target only"

# 2b. the default (sorted ids, constant memory): P1 after P3 breaks the order
crlm_run response --csv "$data/cohort_bad.csv" --sorted >/dev/null 2>"$tmp/sorted.err"
[ $? -eq 2 ] || fail "sorted exit"
grep -q "line 14: expected patient ids in increasing order (sort the table by patient_id, or use --any-order), found patient P1 after P3" "$tmp/sorted.err" \
  || fail "sorted message: $(cat "$tmp/sorted.err")"

# 3. JSON Lines: one object per patient, parseable
crlm_run response --csv "$data/cohort.csv" --any-order --jsonl >"$tmp/out.jsonl" || fail "jsonl exit"
[ "$(wc -l <"$tmp/out.jsonl")" -eq 6 ] || fail "jsonl lines"
python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
e7=[r for r in rows if r["patient_id"]=="E7"][0]
assert e7["best_overall"]=="cr", e7
assert e7["timepoints"][0]["sum_mm"]==9.0, e7
eq=[r for r in rows if r["patient_id"]=="EQ \"x\""][0]
assert eq["timepoints"][0]["overall"]=="pd", eq' "$tmp/out.jsonl" || fail "jsonl content"

# 4. waterfall SVG: well-formed XML, one bar per patient with a known best change
crlm_run response --csv "$data/cohort.csv" --any-order --svg "$tmp/w.svg" >/dev/null || fail "svg exit"
python3 -c 'import sys,xml.etree.ElementTree as E
r=E.parse(sys.argv[1]).getroot()
assert r.tag=="{http://www.w3.org/2000/svg}svg" and r.get("viewBox")
bars=[x for x in r.iter("{http://www.w3.org/2000/svg}rect") if x.get("fill") not in ("#ffffff",)]
assert len(bars)==5+6, len(bars)' "$tmp/w.svg" || fail "waterfall svg"

# 5. a single case: the response object and the spider plot
crlm_run response --svg "$tmp/s.svg" "$src/examples/progression-on-chemotherapy.json" >"$tmp/case.json" \
  || fail "case exit"
python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
assert r["progression_on_chemotherapy"] is True and r["best_overall"]=="pd", r
assert r["timepoints"][0]["change_from_baseline_pct"]==22.8, r' "$tmp/case.json" || fail "case json"
python3 -c 'import sys,xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/s.svg" || fail "spider svg"

# 6. usage errors
crlm_run response >/dev/null 2>&1; [ $? -eq 2 ] || fail "no argument should exit 2"
printf 'patient_id,date\nP,2024-01-01\n' >"$tmp/h.csv"
crlm_run response --csv "$tmp/h.csv" >/dev/null 2>"$tmp/h.err"; [ $? -eq 2 ] || fail "bad header exit"
grep -q "expected a header naming the column lesion_id" "$tmp/h.err" || fail "header message"
echo ok
