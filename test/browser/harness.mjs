/**
 * Browser-test harness: serves the production build with `vite preview` on 127.0.0.1 (started
 * and stopped here), drives Debian's Chromium through playwright-core, and collects console
 * errors, page errors and long tasks for every page.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Starts `vite preview` on a free port and resolves with its base URL. */
export async function startPreview() {
  const port = 4300 + Math.floor(Math.random() * 500);
  const child = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      ...(process.env.DL_DIST ? ['--outDir', process.env.DL_DIST] : []),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  child.kill('SIGTERM');
  throw new Error('vite preview did not start');
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'descent-lab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page that records console errors, page errors and long tasks
 * (PerformanceObserver 'longtask', > 50 ms on the main thread).
 */
export async function openPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    // The first-visit card would cover what tests click: only the test about it shows it
    // (it sets this session flag and reloads).
    // Documents without storage (about:blank in a sandbox, an opaque origin) have no card.
    try {
      if (!sessionStorage.getItem('descent-lab.test.welcome'))
        localStorage.setItem('descent-lab.welcomed', '1');
    } catch {
      // no storage here
    }
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations.push(e.violatedDirective),
    );
    window.__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      // long-task timing unavailable
    }
  });
  await page.goto(url);
  return { page, problems };
}

/** Long tasks recorded since the page loaded (ms each). */
export async function longTasks(page) {
  return page.evaluate(() => window.__longTasks.slice());
}

/** A tiny test runner: named async tests, a summary line in the form CI reads. */
export async function runTests(tests) {
  let passed = 0;
  let failed = 0;
  // BROWSER_ONLY=text runs only the tests whose names contain it (for local work).
  const only = process.env.BROWSER_ONLY;
  for (const [name, fn] of only ? tests.filter(([n]) => n.includes(only)) : tests) {
    const started = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(
        `  ✗ ${name}\n      ${String(error?.stack ?? error)
          .split('\n')
          .slice(0, 6)
          .join('\n      ')}`,
      );
    }
  }
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
