# Output files (src/cli/cli_output.c): crlm writes only the file named, only a regular file,
# never one of its inputs, and a command's outputs all or not at all, stdout included.
# A symlink planted at the old fixed temporary name or at the target, a FIFO, a device, a
# directory, the input as the output (by name, by hard link, by another path), two outputs
# naming one file, an output that cannot be created, a write that fails half-way: each must
# leave every file as it was and stdout empty. Modes follow a plain create, or the replaced
# file's.
. "$(dirname "$0")/common.inc"
EX="$SRC/examples"
COHORT="$SRC/tests/data/survival/colon_cohort.csv"
D="$TMP/d"
mkdir "$D"
cp "$EX/progression-on-chemotherapy.json" "$D/case.json"
CASE="$D/case.json"
sum_case=$(cksum <"$CASE")
echo "someone else's file" >"$TMP/victim"

# Only the files a test expects are in $D afterwards (no temporary left behind).
only() {
    got=$(cd "$D" && ls -A | sort | tr '\n' ' ')
    [ "$got" = "$1" ] && ok || fail "$2: directory holds '$got', expected '$1'"
}
victim_intact() {
    [ "$(cat "$TMP/victim")" = "someone else's file" ] && ok || fail "$1: wrote through a link"
}

# 1. A symlink planted at the old fixed temporary name is never followed.
ln -s "$TMP/victim" "$D/s.svg.tmp~"
run assess --svg "$D/s.svg" "$CASE"
expect_rc 0 "planted link at PATH.tmp~"
victim_intact "planted link at PATH.tmp~"
grep -q '<svg' "$D/s.svg" && ok || fail "the plot is written to the name given"
only "case.json s.svg s.svg.tmp~ " "planted link at PATH.tmp~"
rm -f "$D/s.svg" "$D/s.svg.tmp~"

# 2. The target itself a symlink (to a file, dangling, to a random-looking name): refused.
ln -s "$TMP/victim" "$D/s.svg"
run assess --svg "$D/s.svg" "$CASE"
expect_rc 2 "target is a symlink"
expect_empty_out "target is a symlink"
expect_err "s.svg: expected a regular file to write, found a symbolic link" "names the link"
victim_intact "target is a symlink"
rm "$D/s.svg"
ln -s "$TMP/.crlm-Zq81xP" "$D/s.svg"
run response --svg "$D/s.svg" "$CASE"
expect_rc 2 "dangling symlink target"
[ ! -e "$TMP/.crlm-Zq81xP" ] && ok || fail "created the file a dangling link points to"
rm "$D/s.svg"

# 3. A FIFO, a device, a directory: refused before anything is written (no hang on the FIFO).
mkfifo "$D/fifo"
run assess --svg "$D/fifo" "$CASE"
expect_rc 2 "FIFO target"
expect_err "fifo: expected a regular file to write, found a FIFO" "FIFO named"
expect_empty_out "FIFO target"
[ -p "$D/fifo" ] && ok || fail "FIFO replaced by a regular file"
rm "$D/fifo"
# A device node of its own (never /dev/null itself: a crlm with the bug, run as root, would
# replace the system's); skipped where nodes cannot be made.
if mknod "$D/null" c 1 3 2>/dev/null; then
    run assess --svg "$D/null" "$CASE"
    expect_rc 2 "device target"
    expect_err "null: expected a regular file to write, found a device" "device named"
    [ -c "$D/null" ] && ok || fail "device replaced by a regular file"
    rm -f "$D/null"
fi
mkdir "$D/dir"
run cohort --svg "$D/dir" "$COHORT"
expect_rc 2 "directory target"
expect_empty_out "directory target"
rmdir "$D/dir"

# 4. The output is the input: by the same name, through a hard link, by another path, or
# as standard output.
run assess --svg "$CASE" "$CASE"
expect_rc 2 "output = input"
expect_err "case.json: is one of the command's inputs" "output = input named"
[ "$(cksum <"$CASE")" = "$sum_case" ] && ok || fail "input overwritten"
ln "$CASE" "$D/hard.json"
run response --svg "$D/hard.json" "$CASE"
expect_rc 2 "output = input by hard link"
[ "$(cksum <"$CASE")" = "$sum_case" ] && ok || fail "input overwritten through a hard link"
rm "$D/hard.json"
mkdir "$D/sub"
run assess --svg "$D/sub/../case.json" --profile "$SRC/profiles/default.json" "$CASE"
expect_rc 2 "output = input by another path"
cp "$SRC/profiles/default.json" "$D/p.json"
run assess --svg "$D/p.json" --profile "$D/p.json" "$CASE"
expect_rc 2 "output = the profile"
cmp -s "$D/p.json" "$SRC/profiles/default.json" && ok || fail "profile overwritten"
rm -r "$D/sub" "$D/p.json"
cp "$CASE" "$TMP/appended.json"
crlm_run assess "$TMP/appended.json" >>"$TMP/appended.json" 2>"$TMP/err"
RC=$?
expect_rc 2 "stdout = input"
cmp -s "$TMP/appended.json" "$CASE" && ok || fail "report appended to its own input"
only "case.json " "refused targets leave nothing"

# 5. Two outputs naming one file, by two spellings: refused, nothing written.
run cohort --svg "$D/km.svg" --svg-dfs "$D/./km.svg" "$COHORT"
expect_rc 2 "two outputs, one file"
expect_err "named twice as an output" "two outputs named"
expect_empty_out "two outputs, one file"
echo old >"$D/km.svg"
ln "$D/km.svg" "$D/km2.svg"
run cohort --svg "$D/km.svg" --svg-dfs "$D/km2.svg" "$COHORT"
expect_rc 2 "two outputs, one file by hard link"
[ "$(cat "$D/km.svg")" = old ] && ok || fail "hard-linked output written"
rm "$D/km.svg" "$D/km2.svg"

# 6. An output that cannot be created: no other output, nothing on stdout, exit 1.
run cohort --svg "$D/os.svg" --svg-dfs "$D/no/such/dir/dfs.svg" "$COHORT"
expect_rc 1 "second output cannot be created"
expect_empty_out "second output cannot be created"
expect_err "dfs.svg: cannot write" "the failing output named"
only "case.json " "first output not left behind"
run response --svg "$CASE/x.svg" "$CASE"
expect_rc 1 "response --svg to an unwritable path"
expect_empty_out "response --svg to an unwritable path (no report on stdout)"
run response --svg "$D/no/w.svg" --csv "$SRC/tests/data/response/cohort.csv" --any-order
expect_rc 1 "cohort waterfall to an unwritable path"
expect_empty_out "nothing streamed before the waterfall could be written"

# 7. A write that fails half-way (a file size limit): the staged plot is removed with the
# report that could not be written whole.
(
    ulimit -f 4 # 4 KiB: the plot (3 KiB) fits, the JSON report (6 KiB) does not
    trap '' XFSZ
    crlm_run assess --json --svg "$D/s.svg" "$CASE" >"$D/report.json" 2>"$TMP/err"
    echo $? >"$TMP/rc"
)
RC=$(cat "$TMP/rc")
expect_rc 1 "report cannot be written whole"
[ ! -e "$D/s.svg" ] && ok || fail "plot left behind a failed report"
expect_err "cannot write the standard output" "the failed stdout named"
rm -f "$D/report.json"
only "case.json " "no temporary after a failed write"

# 8. Modes: a new file as a plain create under the umask; a replaced file keeps its mode.
(umask 027 && crlm_run assess --svg "$D/new.svg" "$CASE" >/dev/null 2>"$TMP/err")
[ "$(stat -c %a "$D/new.svg")" = 640 ] && ok || fail "new file mode $(stat -c %a "$D/new.svg"), expected 640"
echo old >"$D/kept.svg"
chmod 600 "$D/kept.svg"
run assess --svg "$D/kept.svg" "$CASE"
expect_rc 0 "replace an existing plot"
[ "$(stat -c %a "$D/kept.svg")" = 600 ] && ok || fail "replaced file mode $(stat -c %a "$D/kept.svg"), expected 600"
grep -q '<svg' "$D/kept.svg" && ok || fail "existing plot replaced"
only "case.json kept.svg new.svg " "successful writes leave only their files"

# 9. All outputs of a command that succeeds: both figures and the table.
run cohort --svg "$D/os.svg" --svg-dfs "$D/dfs.svg" --csv "$COHORT"
expect_rc 0 "two figures and a table"
grep -q '<svg' "$D/os.svg" && grep -q '<svg' "$D/dfs.svg" && ok || fail "both figures written"
expect_out '^n_total,r0_pct,group' "table on stdout"

finish
