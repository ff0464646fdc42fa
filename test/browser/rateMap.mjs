/**
 * The (η, γ) rate map in a real browser: in view beside the surface map at 1440×900, a click
 * sets the selected run's η and γ (the run panel and the map's markers follow), in English and
 * Chinese, with no long main-thread task over 100 ms while it recomputes.
 */

/** The summary line of run `label`'s panel ("Momentum · η 0.631 · γ 0.5"). */
async function runSummary(page, label) {
  return page
    .locator('.dl-run-panel')
    .filter({ has: page.getByRole('heading', { name: label, exact: true }) })
    .locator('.dl-run-summary')
    .innerText();
}

function rateMapTest({ withPage, longTasks, assert }, locale) {
  return [
    `rate map (${locale}): in view at 1440×900, a click sets the run’s η and γ, no long task`,
    withPage('', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      if (locale !== 'en') {
        await page.evaluate((l) => localStorage.setItem('descent-lab.locale', l), locale);
        await page.reload();
      }
      const map = page.getByTestId('rate-map');
      await map.waitFor();
      const box = await map.boundingBox();
      assert(box && box.y >= 0 && box.y + box.height <= 900, `rate map at ${JSON.stringify(box)}`);
      const name = await map.getAttribute('aria-label');
      assert(
        locale === 'en' ? /^Rate map of “SGD”/.test(name) : /^“SGD”的收敛率图/.test(name),
        `accessible name: ${name}`,
      );
      const marker = page.locator('.dl-rate-run[data-run="SGD"]');
      const before = await marker.getAttribute('d');
      await page.waitForTimeout(500);
      const tasksBefore = (await longTasks(page)).length;
      // The plot area starts 44 px in and 8 px down and leaves 12 px right and 34 px below. The
      // default quadratic has λmax = 1: η runs over [0.01, 10] (log), γ over [0, 0.99].
      // 60 % across: η = 10^(−2 + 0.6·3) = 0.631; halfway up: γ = 0.495 → 0.5 (or 0.49).
      const plot = { x: 44, y: 8, w: box.width - 56, h: box.height - 42 };
      await map.hover({ position: { x: plot.x + 0.3 * plot.w, y: plot.y + 0.8 * plot.h } });
      await map.click({ position: { x: plot.x + 0.6 * plot.w, y: plot.y + 0.5 * plot.h } });
      await page.waitForFunction(
        (d) => document.querySelector('.dl-rate-run[data-run="SGD"]')?.getAttribute('d') !== d,
        before,
      );
      const summary = await runSummary(page, 'SGD');
      const lr = Number(/η ([\d.]+)/.exec(summary)?.[1]);
      const gamma = Number(/γ ([\d.]+)/.exec(summary)?.[1]);
      assert(Math.abs(lr / 0.631 - 1) < 0.02, `η after the click: ${summary}`);
      assert(Math.abs(gamma - 0.495) <= 0.011, `γ after the click: ${summary}`);
      // The keyboard: focus, two steps up, Enter.
      await map.focus();
      await map.press('ArrowUp');
      await map.press('ArrowUp');
      await map.press('Enter');
      await page.waitForFunction(
        (g) =>
          /γ ([\d.]+)/.exec(document.querySelector('.dl-run-summary')?.textContent ?? '')?.[1] !==
          g,
        String(gamma),
      );
      const after = Number(/γ ([\d.]+)/.exec(await runSummary(page, 'SGD'))?.[1]);
      assert(Math.abs(after - (gamma + 0.02)) < 1e-9, `γ after ↑↑ Enter: ${after}`);
      await page.waitForTimeout(300);
      const tasks = (await longTasks(page)).slice(tasksBefore);
      console.log(
        `      long tasks while the map was used: ${tasks.map((d) => d.toFixed(0)).join(', ') || 'none'}`,
      );
      assert(
        tasks.every((d) => d <= 100),
        `long tasks: ${tasks.join(', ')} ms`,
      );
    }),
  ];
}

export function rateMapTests(tools) {
  return [rateMapTest(tools, 'en'), rateMapTest(tools, 'zh-CN')];
}
