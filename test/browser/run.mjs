/**
 * Browser tests: the production build (npm run build) served by `vite preview` and driven in
 * headless Debian Chromium. Each test opens a fresh page; every page must finish without
 * console errors, page errors or CSP violations.
 */
import { assert, launchBrowser, longTasks, openPage, runTests, startPreview } from './harness.mjs';
import { classroomTests } from './classroom.mjs';
import { cnnTests } from './cnn.mjs';
import { explorerTests } from './explorer.mjs';
import { firstLoadTests } from './firstLoad.mjs';
import { latencyTests } from './latency.mjs';
import { layoutTests } from './layout.mjs';
import { rateTests } from './rate.mjs';

const server = await startPreview();
const browser = await launchBrowser();
let ok = false;
try {
  const open = (path = '') => openPage(browser.context, server.url + path);
  /**
   * Runs `body(page, problems)` on a fresh page and fails on any console error, page error or
   * CSP violation (a test that provokes one on purpose removes it from `problems`).
   */
  const withPage = (path, body) => async () => {
    const { page, problems } = await open(path);
    try {
      await body(page, problems);
      const csp = await page.evaluate(() => window.__cspViolations);
      assert(csp.length === 0, `CSP violations: ${csp.join(', ')}`);
      assert(problems.length === 0, problems.join('\n'));
    } finally {
      // Autosave would carry this test's experiment into the next one.
      await page.evaluate(() => localStorage.clear()).catch(() => {});
      await page.close();
    }
  };
  ok = await runTests([
    [
      'the page loads under its Content-Security-Policy with no errors',
      withPage('', async (page) => {
        const csp = await page
          .locator('meta[http-equiv="Content-Security-Policy"]')
          .getAttribute('content');
        // Scripts from this origin and WebAssembly compilation only: never 'unsafe-eval'.
        const scriptSrc = csp
          ?.split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .find(([name]) => name === 'script-src');
        assert(
          scriptSrc?.slice(1).join(' ') === "'self' 'wasm-unsafe-eval'" &&
            !csp.includes("'unsafe-eval'"),
          `CSP is ${csp}`,
        );
        // Under it the page may compile WebAssembly (the smallest module: magic and version).
        const compiled = await page.evaluate(() =>
          WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
            () => true,
            () => false,
          ),
        );
        assert(compiled, 'the CSP blocks WebAssembly');
        await page.getByRole('heading', { name: 'Descent Lab' }).waitFor();
      }),
    ],
    ...firstLoadTests({ withPage, assert }),
    ...explorerTests({ withPage, longTasks, assert }),
    ...classroomTests({ withPage, assert }),
    ...cnnTests({ withPage, longTasks, assert }),
    ...latencyTests({ withPage, assert }),
    ...layoutTests({ withPage, assert }),
    ...rateTests({ withPage, assert }),
  ]);
} finally {
  await browser.close();
  server.stop();
}
process.exitCode = ok ? 0 : 1;
