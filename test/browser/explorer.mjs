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

/** The loss map's view as [xMin, xMax, yMin, yMax] (its data-x-domain / data-y-domain). */
async function mapDomain(page) {
  const map = page.getByTestId('loss-map');
  const x = (await map.getAttribute('data-x-domain')).split(' ').map(Number);
  const y = (await map.getAttribute('data-y-domain')).split(' ').map(Number);
  return [...x, ...y];
}

/**
 * How many painted pixels of the trajectory canvas lie within `band` pixels of its edges: a
 * path that leaves the view is cut there, one that stays inside never reaches them.
 */
async function inkAtEdges(page, band = 2) {
  return page.evaluate((b) => {
    const canvas = document.querySelector('canvas.dl-trajectory-lines');
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const r = Math.round(b * (width / canvas.clientWidth));
    let inked = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const edge = x < r || y < r || x >= width - r || y >= height - r;
        if (edge && data[4 * (y * width + x) + 3] > 0) inked++;
      }
    }
    return inked;
  }, band);
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
        await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
        await page.waitForTimeout(1200);
        const step = await stepCounter(page);
        assert(step >= 20 && step <= 200, `after 1.2 s at 60 steps/s the counter shows ${step}`);
        const after = await trajectoryPaths(page);
        assert(after !== before, 'the trajectories did not change');
        const ink = await trajectoryInk(page);
        assert(ink > 100, `the trajectory canvas shows ${ink} painted pixels`);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
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
      'the map and the loss chart show after Play, and "Fit to paths" brings every path into view',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Play' }).waitFor();
        // Zoomed in about the centre, the start (−4, 2) of the default quadratic is out of view.
        for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
        const zoomed = await mapDomain(page);
        assert(zoomed[0] > -4, `zoomed view ${zoomed} still shows the start`);
        await page.getByLabel('Speed').selectOption({ label: '60 steps/s' });
        await page.getByRole('button', { name: 'Play' }).click();
        await page.waitForTimeout(1500);
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        await page.waitForTimeout(300);
        for (const id of ['loss-map', 'loss-chart']) {
          const box = await page.getByTestId(id).first().boundingBox();
          assert(box && box.width > 200 && box.height > 150, `${id} is ${JSON.stringify(box)}`);
        }
        assert((await trajectoryInk(page)) > 100, 'no trajectory drawn after Play');
        assert((await inkAtEdges(page)) > 0, 'the zoomed-in view already holds every path');
        // Where each run is now, from the map's own titles ("SGD: 90 steps, at (x, y), f = …").
        const points = (await page.locator('.dl-run > title').allTextContents()).map((text) =>
          /at \((\S+), (\S+)\)/.exec(text).slice(1, 3).map(Number),
        );
        assert(points.length >= 2, `run titles: ${points}`);
        await page.getByRole('button', { name: 'Fit to paths' }).click();
        await page.waitForFunction(
          (before) =>
            document.querySelector('[data-testid="loss-map"]')?.getAttribute('data-x-domain') !==
            before,
          `${zoomed[0]} ${zoomed[1]}`,
        );
        await page.waitForTimeout(300);
        const [xMin, xMax, yMin, yMax] = await mapDomain(page);
        for (const [x, y] of [[-4, 2], ...points]) {
          assert(
            x > xMin && x < xMax && y > yMin && y < yMax,
            `(${x}, ${y}) is outside the fitted view [${xMin}, ${xMax}] × [${yMin}, ${yMax}]`,
          );
        }
        // Every path is drawn whole: none is cut by the plot's edges any more.
        assert((await inkAtEdges(page)) === 0, 'a path still leaves the fitted view');
        assert((await trajectoryInk(page)) > 100, 'no trajectory drawn after the fit');
        // Not a blind zoom-out: the fitted view is no wider than the surface's own.
        assert(xMax - xMin <= 10.5, `fitted view is ${xMax - xMin} wide`);
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
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
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
      'formulas near the largest double keep the page responsive and print numbers compactly',
      withPage('', async (page) => {
        /** Resolves with `promise`, or fails after `ms` (a frozen page never answers). */
        const within = (promise, ms, what) =>
          Promise.race([
            promise,
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error(`page frozen: ${what}`)), ms),
            ),
          ]);
        const longNumbers = () =>
          within(
            page.evaluate(() => document.body.innerText.match(/\d{16,}/g)),
            3000,
            'reading the text',
          );
        await page
          .getByLabel('Surface', { exact: true })
          .selectOption({ label: 'Custom formula…' });
        const formula = page.getByLabel('Formula f(x, y)');
        // Kept η = 1.5 on f = 2e307·(x² + y²): λ = 4e307, so the notice's limit 2/λ is 5e-308.
        await page.getByLabel('Keep my learning rates when the surface changes').check();
        await formula.fill('2e307*(x^2 + y^2)');
        await formula.press('Enter');
        await page.getByText('stability limit (5e-308)').first().waitFor({ timeout: 5000 });
        await page.getByLabel('Keep my learning rates when the surface changes').uncheck();
        const logScale = page.getByLabel('Log scale for the loss');
        // 1e308 + 0·x froze the page: its constant loss made the log axis [3.2e307, ∞], whose
        // tick loop never ended.
        for (const text of [
          '1e308 + 0*x',
          '2e307*(x^2 + y^2)',
          '1e308*x^2',
          'exp(x*300)',
          '-1e308*(x^2+y^2)',
        ]) {
          await formula.fill(text);
          await formula.press('Enter');
          await page.waitForTimeout(300);
          const play = page.getByRole('button', { name: 'Play' });
          if (await play.isEnabled()) await play.click({ timeout: 2000 });
          await page.waitForTimeout(1000);
          // Another control answers within a second.
          const before = await logScale.isChecked({ timeout: 1000 });
          const started = Date.now();
          await logScale.setChecked(!before, { timeout: 1000 });
          const answered = Date.now() - started;
          assert(answered < 1000, `${text}: the log-scale checkbox took ${answered} ms`);
          await logScale.setChecked(before, { timeout: 1000 });
          const long = await longNumbers();
          assert(!long, `${text}: numbers written out in full: ${long?.join(', ')}`);
          if (text === '1e308 + 0*x') {
            // The loss stays 1e308: the loss axis shows it, and so does the results table.
            const chart = await page.getByRole('figure', { name: 'Loss' }).first().textContent();
            assert(/1e308/.test(chart), `the loss chart reads ${chart}`);
            const results = await page.getByRole('table', { name: 'Results per run' }).innerText();
            assert(/\b1e308\b/.test(results), `the results table reads ${results}`);
          }
          await page.getByRole('button', { name: 'Reset', exact: true }).click({ timeout: 1000 });
        }
      }),
    ],
    [
      'batch lab: 10,000 samples cost the main thread no more than 20 do',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'Batch lab' }).click();
        await page.getByRole('spinbutton', { name: 'Samples', exact: true }).waitFor();
        await page.waitForTimeout(1000);
        /** The longest main-thread task within 2 s of setting the number of samples. */
        const worstAfter = async (samples) => {
          const before = (await longTasks(page)).length;
          await setField(page, 'spinbutton', 'Samples', samples);
          await page
            .getByText(`Data: ${samples.toLocaleString('en')} points`)
            .first()
            .waitFor();
          await page.waitForTimeout(2000);
          return Math.max(0, ...(await longTasks(page)).slice(before));
        };
        // Alternating, twice each; the better of two trials discounts another process's burst.
        const large = [];
        const small = [];
        for (let trial = 0; trial < 2; trial++) {
          large.push(await worstAfter(10_000));
          small.push(await worstAfter(20));
        }
        const [worstLarge, worstSmall] = [Math.min(...large), Math.min(...small)];
        console.log(
          `      longest task after setting 10,000 samples: ${large.map(Math.round).join(', ')} ms; 20 samples: ${small.map(Math.round).join(', ')} ms`,
        );
        // Before: a 0.6–3 s task (a loss evaluation per sample per map cell, an SVG element per
        // sample). Now the map's loss is O(1) per point and the samples are drawn on a canvas;
        // drawing the data and the new fit still costs ~80 ms on a quiet machine.
        assert(
          worstLarge <= 1.5 * worstSmall + 120,
          `10,000 samples: ${worstLarge.toFixed(0)} ms against ${worstSmall.toFixed(0)} ms for 20`,
        );
        const ink = await page.evaluate(() => {
          const canvas = document.querySelector('.dl-scatter-points');
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let painted = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
          return painted;
        });
        assert(ink > 100, `the 20 samples left ${ink} painted pixels on the canvas`);
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
    [
      'batch lab at 1024×768: no two arrow labels overlap at any of the first 30 steps',
      withPage('', async (page) => {
        await page.setViewportSize({ width: 1024, height: 768 });
        await page.getByRole('tab', { name: 'Batch lab' }).click();
        await page.getByRole('checkbox', { name: /Velocity arrows/ }).check();
        const step = page.getByRole('button', { name: 'Step', exact: true });
        let checked = 0;
        for (let k = 1; k <= 30; k++) {
          const before = await stepCounter(page);
          await step.click();
          await page.waitForFunction(
            (n) =>
              /Step ([\d,]+)/.exec(
                document.querySelector('.dl-step-counter')?.textContent ?? '',
              )?.[1] !== String(n),
            before,
          );
          await page.waitForTimeout(60); // the map draws on its next frame
          // Real glyph boxes, as the browser laid them out (not the placement's estimates).
          const boxes = await page.evaluate(() =>
            [...document.querySelectorAll('.dl-arrow-label')]
              .filter((t) => t.getAttribute('display') !== 'none' && t.textContent)
              .map((t) => {
                const r = t.getBoundingClientRect();
                return { text: t.textContent, x: r.x, y: r.y, w: r.width, h: r.height };
              }),
          );
          for (let i = 0; i < boxes.length; i++)
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i];
              const b = boxes[j];
              const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
              const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
              assert(
                dx <= 0.5 || dy <= 0.5,
                `step ${before + 1}: "${a.text}" and "${b.text}" overlap by ${dx.toFixed(1)} × ${dy.toFixed(1)} px`,
              );
            }
          checked += boxes.length;
        }
        assert(checked > 60, `only ${checked} labels seen over 30 steps`);
      }),
    ],
    [
      'the step scrubber shows an earlier step on the map, and a branch goes on from there',
      withPage('', async (page) => {
        const step = page.getByRole('button', { name: 'Step', exact: true });
        const markerCentre = async (index) => {
          const b = await page.locator('.dl-run-marker').nth(index).boundingBox();
          return [b.x + b.width / 2, b.y + b.height / 2];
        };
        const near = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]) < 1;
        // One click at a time, each waiting for the counter, so none overshoots the target.
        const stepTo = async (target) => {
          for (let at = await stepCounter(page); at < target;) {
            await step.click();
            const deadline = Date.now() + 5000;
            while ((await stepCounter(page)) === at && Date.now() < deadline)
              await page.waitForTimeout(20);
            at = await stepCounter(page);
          }
          assert((await stepCounter(page)) === target, `stepped past ${target}`);
        };
        await stepTo(10);
        await page.waitForTimeout(300); // the map redraws from the newest frame
        const at10 = await markerCentre(0);
        await stepTo(20);
        await page.waitForTimeout(300);
        const at20 = await markerCentre(0);
        assert(!near(at10, at20), 'the first run did not move between steps 10 and 20');
        // Keys on the scrubber: ten steps back from the live end.
        const scrubber = page.getByRole('slider', { name: 'Look back' });
        await scrubber.focus();
        for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
        assert(
          (await scrubber.getAttribute('aria-valuetext')) === 'step 10 of 20',
          `scrubber says ${await scrubber.getAttribute('aria-valuetext')}`,
        );
        await page.waitForTimeout(300);
        const shown = await markerCentre(0);
        assert(near(shown, at10), `step 10 shows the marker at ${shown}, not at ${at10}`);
        // The curves mark the step shown.
        await page
          .getByTestId('loss-chart')
          .locator('.dl-event title', { hasText: 'Shown: step 10' })
          .waitFor({ state: 'attached' });
        // Branch the first run there: a third run starts at θ_10, its settings open.
        await page.getByRole('button', { name: 'Branch from here' }).click();
        const branch = page.locator('.dl-run-panel', { hasText: 'SGD ↳ 10' });
        await branch.waitFor();
        await page.waitForFunction(() => document.querySelectorAll('.dl-run-marker').length === 3);
        await page.waitForTimeout(300);
        assert(near(await markerCentre(2), at10), 'the branch does not start at θ_10');
        assert(near(await markerCentre(0), at20), 'the parent left step 20');
        // A lower η for the branch, and on: it leaves θ_10 while the parent goes to 25.
        const lr = branch.getByRole('spinbutton', { name: 'Learning rate', exact: true });
        const before = Number(await lr.inputValue());
        await lr.fill(String(before / 4));
        await lr.press('Enter');
        await stepTo(25);
        await page.waitForTimeout(300);
        assert(!near(await markerCentre(2), at10), 'the branch did not move');
      }),
    ],
  ];
}
