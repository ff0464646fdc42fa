/** Surface explorer and batch lab in a real browser (issue 5). */

/** The "Step N of M" counter as a number. */
async function stepCounter(page) {
  const text = await page.locator('.dl-step-counter').innerText();
  const match = /Step ([\d,]+) of ([\d,]+)/.exec(text);
  if (!match) throw new Error(`no step counter in "${text}"`);
  return Number(match[1].replaceAll(',', ''));
}

/** What the map draws (trajectories, current points, arrows) as SVG markup. */
async function trajectoryPaths(page) {
  return page
    .locator('[role="group"][aria-label$=" map"] svg:not(.dl-contour-layer)')
    .first()
    .innerHTML();
}

/** How many pixels of the map's trajectory canvas are painted. */
async function trajectoryInk(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('canvas.dl-trajectory-lines');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
    return inked;
  });
}

/** The path of the first run's current-point marker on the map. */
async function firstMarker(page) {
  return page.locator('.dl-run-marker').first().getAttribute('d');
}

async function setField(page, role, name, value, index = 0) {
  const field = page.getByRole(role, { name, exact: true }).nth(index);
  await field.fill(String(value));
  await field.press('Enter');
}

export function explorerTests({ withPage, longTasks, assert }) {
  return [
    [
      'Play runs the optimizers: the step counter advances and the trajectories move',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Play' }).waitFor();
        await setField(page, 'spinbutton', 'Step budget', 3000);
        await page.getByLabel('Speed').selectOption({ label: '60 steps/s' });
        const before = await trajectoryPaths(page);
        assert((await trajectoryInk(page)) === 0, 'a line is drawn before the first step');
        await page.getByRole('button', { name: 'Play' }).click();
        await page.getByRole('button', { name: 'Pause' }).waitFor();
        await page.waitForTimeout(1200);
        const step = await stepCounter(page);
        assert(step >= 20 && step <= 200, `after 1.2 s at 60 steps/s the counter shows ${step}`);
        const after = await trajectoryPaths(page);
        assert(after !== before, 'the trajectories did not change');
        const ink = await trajectoryInk(page);
        assert(ink > 100, `the trajectory canvas shows ${ink} painted pixels`);
        await page.getByRole('button', { name: 'Pause' }).click();
        await page.getByRole('button', { name: 'Play' }).waitFor();
        await page.waitForTimeout(300); // a frame already in flight may still land
        const paused = await stepCounter(page);
        await page.waitForTimeout(500);
        assert((await stepCounter(page)) === paused, 'the counter moved while paused');
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForFunction(
          (n) =>
            document.querySelector('.dl-step-counter')?.textContent?.includes(`Step ${n + 1} `),
          paused,
        );
        await page.getByRole('button', { name: 'Reset', exact: true }).click();
        await page.waitForFunction(() =>
          document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
        );
      }),
    ],
    [
      "one Step from a fresh run moves each run's point one step",
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Step' }).waitFor();
        await page.locator('.dl-run-marker').first().waitFor();
        const start = await firstMarker(page);
        await page.getByRole('button', { name: 'Step' }).click();
        await page.waitForFunction(() =>
          document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 1 '),
        );
        await page.waitForFunction((d) => {
          const marker = document.querySelector('.dl-run-marker');
          return marker && marker.getAttribute('d') !== d;
        }, start);
        assert((await trajectoryInk(page)) > 0, 'no line from θ0 to θ1 after one step');
      }),
    ],
    [
      'the learning-rate slider works from the keyboard and changes the run live',
      withPage('', async (page) => {
        const slider = page.getByRole('slider', { name: 'Learning rate', exact: true }).first();
        const field = page.getByRole('spinbutton', { name: 'Learning rate', exact: true }).first();
        const before = Number(await field.inputValue());
        await slider.focus();
        for (let i = 0; i < 5; i++) await slider.press('ArrowLeft');
        await page.waitForTimeout(300);
        const after = Number(await field.inputValue());
        assert(after > 0 && after < before, `learning rate went from ${before} to ${after}`);
      }),
    ],
    [
      'a diverging run stops with its reason and can rewind with half the learning rate',
      withPage('', async (page) => {
        await setField(page, 'spinbutton', 'Step budget', 2000);
        await setField(page, 'spinbutton', 'Learning rate', 50);
        await page.getByRole('button', { name: 'Play' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'This run diverged' });
        await alert.waitFor({ timeout: 10_000 });
        const text = await alert.innerText();
        assert(
          /became (Infinity|NaN|-Infinity) at step \d+ with η = 50/.test(text),
          `alert says: ${text}`,
        );
        await alert.getByRole('button', { name: /Rewind and halve/ }).click();
        await page.waitForFunction(() => document.querySelector('input[type="number"]') !== null);
        const lr = Number(
          await page
            .getByRole('spinbutton', { name: 'Learning rate', exact: true })
            .first()
            .inputValue(),
        );
        assert(lr === 25, `learning rate after the remedy is ${lr}`);
      }),
    ],
    [
      'the page stays responsive while six optimizers train at full speed',
      withPage('', async (page) => {
        await setField(page, 'spinbutton', 'Step budget', 1_000_000);
        for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Add run' }).click();
        await page.getByLabel('Speed').selectOption('max');
        await page.waitForTimeout(500);
        const before = (await longTasks(page)).length;
        await page.getByRole('button', { name: 'Play' }).click();
        // Two seconds watching the map, two with the curves scrolled into view.
        await page.waitForTimeout(2000);
        const onMap = (await longTasks(page)).length;
        await page.getByRole('figure', { name: 'Loss' }).first().scrollIntoViewIfNeeded();
        await page.waitForTimeout(2000);
        const step = await stepCounter(page);
        const all = await longTasks(page);
        const during = all.slice(before);
        await page.getByRole('button', { name: 'Pause' }).click();
        assert(step > 1000, `only ${step} steps in 4 s`);
        // Reported in full; the bound allows for this shared 2-core machine (see the README).
        const list = (tasks) => `${tasks.length} (${tasks.map((d) => d.toFixed(0)).join(', ')} ms)`;
        console.log(
          `      long tasks while training: map in view ${list(all.slice(before, onMap))}, curves in view ${list(all.slice(onMap))}`,
        );
        assert(
          during.every((d) => d < 200),
          `long tasks while training: ${during.map((d) => d.toFixed(0)).join(', ')} ms`,
        );
      }),
    ],
    [
      'a bad custom formula is shown inline and the last good one is kept',
      withPage('', async (page) => {
        await page
          .getByLabel('Surface', { exact: true })
          .selectOption({ label: 'Custom formula…' });
        const formula = page.getByLabel('Formula f(x, y)');
        await formula.fill('x^2 + 3*y^2');
        await formula.press('Enter');
        await page.waitForTimeout(600);
        await formula.fill('x^2 + z');
        await formula.press('Enter');
        await page
          .getByText(/Unknown name 'z'/)
          .first()
          .waitFor();
        const invalid = await formula.getAttribute('aria-invalid');
        assert(invalid === 'true', 'the formula field is not marked invalid');
        // The runs still use the last good formula: Play works and the counter advances.
        await page.getByRole('button', { name: 'Play' }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
        );
      }),
    ],
    [
      'batch lab: full batch, mini-batch and stochastic runs train side by side',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'Batch lab' }).click();
        await page.getByRole('button', { name: 'Play' }).click();
        await page.waitForFunction(() => {
          const m = /Step (\d+)/.exec(
            document.querySelector('.dl-step-counter')?.textContent ?? '',
          );
          return m && Number(m[1]) > 10;
        });
        // The first run shows its batch size control; the chips of the others name theirs.
        const batchFields = await page.getByRole('combobox', { name: 'Batch size' }).count();
        assert(batchFields === 1, `${batchFields} Batch size controls`);
        const chips = await page.locator('.dl-run-summary').allTextContents();
        assert(
          chips.length === 3 && /full batch/.test(chips[0]) && /8 \(mini-batch\)/.test(chips[1]),
          `run chips: ${chips.join(' | ')}`,
        );
      }),
    ],
  ];
}
