/** Learning-rate sweeps and the sharpness chart in a real browser (issue 15). */

async function setField(page, name, value) {
  const field = page.getByRole('spinbutton', { name, exact: true }).first();
  await field.fill(String(value));
  await field.press('Enter');
}

/** Long tasks from now on: the page's list is emptied. */
async function resetLongTasks(page) {
  await page.evaluate(() => (window.__longTasks.length = 0));
}

/**
 * The error along each eigendirection: one chart per run on the default quadratic, each with
 * its measured and predicted lines for the steep and the flat direction, in either language.
 */
function eigenErrorTest({ withPage, assert }, locale) {
  const zh = locale === 'zh-CN';
  const title = zh ? '沿各特征方向的误差' : 'Error along each eigendirection';
  return [
    `error along each eigendirection: a chart per run, measured and predicted lines (${locale})`,
    withPage('', async (page) => {
      if (zh) {
        await page.evaluate(() => localStorage.setItem('descent-lab.locale', 'zh-CN'));
        await page.reload();
      }
      const step = page.getByRole('button', { name: zh ? '单步' : 'Step', exact: true });
      for (let k = 0; k < 12; k++) await step.click();
      const section = page.locator('section.dl-eigen-error');
      await section.getByRole('heading', { name: title }).waitFor();
      await section.scrollIntoViewIfNeeded();
      const runs = section.locator('.dl-eigen-run');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.dl-eigen-run')].length >= 2 &&
          [...document.querySelectorAll('.dl-eigen-run')].every(
            (r) => r.querySelectorAll('path.dl-series').length >= 4,
          ),
        undefined,
        { timeout: 10_000 },
      );
      const count = await runs.count();
      assert(count === 2, `${count} eigendirection charts for the two default runs`);
      for (let i = 0; i < count; i++) {
        const lines = await runs
          .nth(i)
          .locator('path.dl-series')
          .evaluateAll(
            (paths) => paths.filter((p) => (p.getAttribute('d') ?? '').length > 10).length,
          );
        assert(
          lines >= 4,
          `chart ${i}: ${lines} drawn lines (steep, flat, each measured and predicted)`,
        );
      }
      const rates = await section.locator('.dl-eigen-rates').first().innerText();
      assert(/ρ/.test(rates) && /\d/.test(rates), `no measured and predicted ρ in "${rates}"`);
    }),
  ];
}

function sweepTest({ withPage, longTasks, assert }, locale) {
  const zh = locale === 'zh-CN';
  const words = zh
    ? {
        budget: '步数预算',
        start: '扫描 η',
        done: /^完成：共 (\d+) 次重放。$/,
        lr: '学习率',
        tab: '曲面探索',
      }
    : {
        budget: 'Step budget',
        start: 'Sweep η',
        done: /^Done: (\d+) replays\.$/,
        lr: 'Learning rate',
      };
  return [
    `sweep η on a surface: workers replay every run, divergence marked, the page stays responsive, a click loads η (${locale})`,
    withPage('', async (page) => {
      if (zh) {
        await page.evaluate(() => localStorage.setItem('descent-lab.locale', 'zh-CN'));
        await page.reload();
      }
      const start = page.getByRole('button', { name: words.start, exact: true });
      await start.waitFor();
      // A longer budget, so the sweep runs for a while: 13 rates × 2 runs × 20,000 steps.
      await setField(page, words.budget, 20000);
      await start.scrollIntoViewIfNeeded();
      await resetLongTasks(page);
      const started = Date.now();
      await start.click();
      const status = page.locator('.dl-sweep-status [role="status"]');
      await page.getByTestId('sweep-progress').waitFor();
      // Responsive meanwhile: the page answers, and progress moves.
      const firstProgress = await page.getByTestId('sweep-progress').evaluate((p) => p.value);
      await page.waitForFunction(
        () => document.querySelector('[data-testid="sweep-progress"]').value > 0,
        undefined,
        { timeout: 60_000 },
      );
      const pingStart = Date.now();
      await page.evaluate(() => 1);
      const ping = Date.now() - pingStart;
      await status.filter({ hasText: words.done }).waitFor({ timeout: 180_000 });
      const took = Date.now() - started;
      const tasks = await longTasks(page);
      console.log(
        `      sweep of 26 × 20,000 steps took ${took} ms; progress at start ${firstProgress}; ping ${ping} ms; long tasks: ${tasks.join(', ') || 'none'}`,
      );
      assert(
        tasks.every((ms) => ms < 100),
        `long tasks while the sweep ran: ${tasks.join(', ')}`,
      );
      const replays = Number(words.done.exec(await status.innerText())[1]);
      assert(replays === 26, `replays: ${replays}`);
      const points = page.getByTestId('sweep-chart').getByRole('button');
      assert((await points.count()) === 26, `points: ${await points.count()}`);
      const diverged = await page
        .locator('[data-testid="sweep-chart"] [data-diverged="true"]')
        .count();
      assert(diverged > 0 && diverged < 26, `diverged points: ${diverged}`);
      // Every point above a diverged one (same run, larger η) diverged too on this bowl.
      const marks = await points.evaluateAll((els) =>
        els.map((e) => [e.dataset.run, Number(e.dataset.lr), e.dataset.diverged === 'true']),
      );
      for (const [run, lr, blew] of marks) {
        const lower = marks.filter(([r, l, b]) => r === run && l < lr && b);
        assert(blew || lower.length === 0, `${run} at η = ${lr} converged above a diverged η`);
      }
      // Load the first (selected) run's largest stable η: its learning-rate field shows it.
      const stable = marks.filter(([run, , blew]) => run === marks[0][0] && !blew);
      const [run, lr] = stable.at(-1);
      // By keyboard: the point is a focusable button (the component test clicks).
      const point = page.locator(
        `[data-testid="sweep-chart"] [data-run="${run}"][data-lr="${lr}"]`,
      );
      await point.focus();
      await point.press('Enter');
      const field = page.getByRole('spinbutton', { name: words.lr, exact: true }).first();
      await page.waitForFunction(
        ([expected]) =>
          [...document.querySelectorAll('input[type="number"]')].some(
            (input) => Math.abs(Number(input.value) - expected) <= 1e-3 * expected,
          ),
        [lr],
        { timeout: 5000 },
      );
      const shown = Number(await field.inputValue());
      assert(Math.abs(shown - lr) <= 1e-3 * lr, `η field shows ${shown}, clicked ${lr}`);
    }),
  ];
}

export function sweepTests(context) {
  const { withPage, assert, longTasks } = context;
  return [
    eigenErrorTest(context, 'en'),
    eigenErrorTest(context, 'zh-CN'),
    sweepTest(context, 'en'),
    sweepTest(context, 'zh-CN'),
    [
      'sweep η in the CNN lab: a short budget, held-out accuracy per η, no long task; Cancel stops it',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'CNN lab' }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-dataset-progress'),
          undefined,
          {
            timeout: 30_000,
          },
        );
        await page.getByRole('tab', { name: 'Learning-rate sweep' }).click();
        const panel = page.getByTestId('sweep-panel');
        const budget = await panel.innerText();
        assert(/each replay trains 100 steps \(the experiment has [\d,]+\)/.test(budget), budget);
        await setField(page, 'Learning rates', 2);
        await setField(page, 'η from', 0.003);
        await setField(page, 'η to', 0.1);
        await resetLongTasks(page);
        await page.getByRole('button', { name: 'Sweep η' }).click();
        await panel.getByText(/^Done: 4 replays\.$/).waitFor({ timeout: 240_000 });
        const tasks = await longTasks(page);
        console.log(`      CNN sweep, long tasks: ${tasks.join(', ') || 'none'}`);
        assert(
          tasks.every((ms) => ms < 100),
          `long tasks while the CNN sweep ran: ${tasks.join(', ')}`,
        );
        const accuracy = page.getByTestId('sweep-accuracy-chart').getByRole('button');
        assert((await accuracy.count()) === 4, `accuracy points: ${await accuracy.count()}`);
        const labels = await accuracy.evaluateAll((els) =>
          els.map((e) => e.getAttribute('aria-label')),
        );
        assert(
          labels.every((l) => /held-out accuracy (0\.\d+|1)/.test(l)),
          `accuracy labels: ${labels.join(' | ')}`,
        );
        // Cancel: a second sweep stops where it is.
        await page.getByRole('button', { name: 'Sweep η' }).click();
        await page.getByRole('button', { name: 'Cancel sweep' }).click();
        await panel.getByText(/^Cancelled: \d of 4 replays done\.$/).waitFor();
      }),
    ],
    [
      'sharpness on a surface: the curve beside the loss with the run’s 2/η line',
      withPage('', async (page) => {
        await setField(page, 'Sharpness every (steps)', 10);
        const chart = page.getByTestId('sharpness-chart');
        await chart.waitFor();
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction(
          () => {
            const paths = document.querySelectorAll('[data-testid="sharpness-chart"] path');
            return [...paths].filter((p) => (p.getAttribute('d') ?? '').length > 20).length >= 2;
          },
          undefined,
          { timeout: 30_000 },
        );
        const text = await page.locator('.dl-sharpness').innerText();
        assert(/exact, every 10 steps/.test(text), text);
      }),
    ],
  ];
}
