/**
 * Takes the README's screenshot of the surface explorer from the production build:
 * `npm run build && node scripts/screenshot.mjs` → docs/explorer.png.
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser, openPage, startPreview } from '../test/browser/harness.mjs';

const server = await startPreview();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser.context, server.url);
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/explorer.png' });
  console.log('wrote docs/explorer.png');
} finally {
  await browser.close();
  server.stop();
}
