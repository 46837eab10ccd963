#!/usr/bin/env bash
# The browser test of the HTML report, as CTest runs it: bash tests/browser/run.sh CRLM SRC
# Skips (exit 77) when Chromium or Node is missing or CRLM_BROWSER_TESTS=0, so a build machine
# without a browser still passes. node_modules is installed with `npm ci` into a copy of this
# directory in the build tree (next to the crlm binary, or CRLM_BROWSER_WORKDIR), never into
# the source tree. Outputs (HTML, screenshots, PDFs) land in that copy's out/ directory.
set -euo pipefail

crlm=${1:?usage: run.sh CRLM SRC}
src=${2:?usage: run.sh CRLM SRC}
chromium=${CRLM_CHROMIUM:-/usr/bin/chromium}

skip() { echo "SKIP: $*"; exit 77; }
[ "${CRLM_BROWSER_TESTS:-1}" != 0 ] || skip "CRLM_BROWSER_TESTS=0"
[ -x "$chromium" ] || skip "no Chromium at $chromium (apt-get install chromium)"
command -v node >/dev/null || skip "node not found (apt-get install nodejs npm)"
command -v npm >/dev/null || skip "npm not found (apt-get install npm)"

crlm=$(cd "$(dirname "$crlm")" && pwd)/$(basename "$crlm")
work=${CRLM_BROWSER_WORKDIR:-$(dirname "$crlm")/browser-test}
mkdir -p "$work"
cp "$src/tests/browser/package.json" "$src/tests/browser/package-lock.json" \
   "$src/tests/browser/html_report.mjs" "$work/"
# Reinstall only when the lock file changed: npm ci starts from scratch every time.
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.crlm-lock" 2>/dev/null; then
    npm ci --prefix "$work" --no-audit --no-fund --loglevel=error
    cp "$work/package-lock.json" "$work/node_modules/.crlm-lock"
fi
export CRLM_CHROMIUM="$chromium"
exec node "$work/html_report.mjs" "$crlm" "$src" "$work/out"
