// The printable HTML report as a reader sees it: renders `crlm assess --html` for two examples
// in headless Chromium (the system's /usr/bin/chromium, driven by playwright-core so no browser
// is downloaded) and checks what string tests cannot: the recommendation is visible, the inline
// spider plot is laid out with a size, and the page asks the network for nothing (it must work
// offline, printed or opened from a patient record). Screenshots (screen and print) are kept in
// OUTPUT_DIR for a human to look at.
//
// usage: node html_report.mjs CRLM_BINARY SOURCE_DIR OUTPUT_DIR
// The last line is "N passed, N failed"; the exit code is non-zero when anything failed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [crlm, srcDir, outDir] = process.argv.slice(2);
if (!crlm || !srcDir || !outDir) {
  console.error('usage: node html_report.mjs CRLM_BINARY SOURCE_DIR OUTPUT_DIR');
  process.exit(2);
}

// The recommendation each example must show (its code and the label the page gives it).
const EXAMPLES = [
  { name: 'progression-on-chemotherapy', recommendation: 'resection_despite_progression',
    label: 'Resection despite progression' },
  { name: 'synchronous-high-risk', recommendation: 'perioperative_chemotherapy',
    label: 'Perioperative chemotherapy' },
];

let passed = 0;
let failed = 0;
function check(ok, what) {
  if (ok) {
    passed++;
    console.log(`ok   ${what}`);
  } else {
    failed++;
    console.log(`FAIL ${what}`);
  }
}

mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CRLM_CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const ex of EXAMPLES) {
    const casePath = join(srcDir, 'examples', `${ex.name}.json`);
    let html;
    try {
      html = execFileSync(crlm, ['assess', '--html', casePath], { encoding: 'utf8' });
    } catch (e) {
      check(false, `${ex.name}: crlm assess --html exits 0 (${e.message.split('\n')[0]})`);
      continue;
    }
    const htmlPath = resolve(outDir, `${ex.name}.html`);
    writeFileSync(htmlPath, html);

    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const external = [];
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith('file:') && !url.startsWith('data:'))
        external.push(url);
    });
    const errors = [];
    page.on('pageerror', (err) => errors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });

    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });

    const rec = page.locator('#recommendation');
    check(await rec.isVisible(), `${ex.name}: the recommendation is visible`);
    const recText = (await rec.count()) ? await rec.innerText() : '';
    check(recText.includes(ex.recommendation) && recText.includes(ex.label),
          `${ex.name}: the recommendation reads "${ex.label}" (${ex.recommendation}), got "${recText}"`);
    check(await page.getByText('not a certified medical device').first().isVisible(),
          `${ex.name}: the disclaimer is visible`);

    const svg = page.locator('#spider svg');
    const box = (await svg.count()) ? await svg.boundingBox() : null;
    check(await svg.isVisible() && box && box.width > 100 && box.height > 50,
          `${ex.name}: the spider plot is rendered (${box ? `${Math.round(box.width)}x${Math.round(box.height)}` : 'absent'})`);

    const headers = await page.locator('th').count();
    const scoped = await page.locator('th[scope]').count();
    check(headers > 0 && headers === scoped, `${ex.name}: every table header has a scope (${scoped}/${headers})`);
    check(await page.locator('html[lang="en"]').count() === 1, `${ex.name}: the page declares its language`);
    check(await page.locator('h1').count() === 1, `${ex.name}: one h1`);

    // Every in-page citation lands on a reference.
    const broken = await page.evaluate(() =>
      [...document.querySelectorAll('a[href^="#"]')]
        .map((a) => a.getAttribute('href').slice(1))
        .filter((id) => !document.getElementById(id)));
    check(broken.length === 0, `${ex.name}: every citation links to a reference ${broken.join(' ')}`);

    await page.screenshot({ path: join(outDir, `${ex.name}.png`), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(outDir, `${ex.name}-print.png`), fullPage: true });
    await page.pdf({ path: join(outDir, `${ex.name}.pdf`), format: 'A4', printBackground: false });

    check(external.length === 0, `${ex.name}: no network request ${external.join(' ')}`);
    check(errors.length === 0, `${ex.name}: no page errors ${errors.join(' ')}`);
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
