/** The CNN lab in a real browser (issue 6): live training, drawing a digit, two optimizers. */

/** Held-out accuracies shown by the confusion-matrix titles: [{ run, accuracy, step }]. */
async function heldOutAccuracies(page) {
  const texts = await page.getByText(/held-out accuracy [\d.]+ ?% at step \d+/).allInnerTexts();
  return texts
    .map((text) => {
      const m = /^(.*): held-out accuracy ([\d.]+) ?% at step (\d+)/.exec(text.trim());
      return m ? { run: m[1], accuracy: Number(m[2]) / 100, step: Number(m[3]) } : null;
    })
    .filter(Boolean);
}

async function stepCount(page) {
  const text = await page.locator('.dl-step-counter').innerText();
  return Number((/Step ([\d,]+)/.exec(text)?.[1] ?? '0').replaceAll(',', ''));
}

/** Whether the element's bounding box lies inside the viewport. */
async function inView(page, locator, what) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  return box !== null &&
    box.x >= 0 &&
    box.y >= 0 &&
    box.x + box.width <= width + 0.5 &&
    box.y + box.height <= height + 0.5
    ? null
    : `${what} not in the ${width}×${height} view: ${JSON.stringify(box)}`;
}

/**
 * The story on one screen (issue 13): on first load, the loss and accuracy curves, Play / Step
 * / Reset (then Pause) and every run's learning rate and momentum are in view together; the
 * rest is in tabs and the page at rest is at most three screens tall.
 */
function oneScreenTest({ withPage, assert }, width, height, locale) {
  const zh = locale === 'zh-CN';
  return [
    `CNN lab: the story on one screen at ${width}×${height} (${locale})`,
    withPage('', async (page) => {
      await page.setViewportSize({ width, height });
      if (zh) await page.getByLabel('Language').selectOption('zh-CN');
      await page.getByRole('tab', { name: zh ? 'CNN 实验室' : 'CNN lab' }).click();
      const play = page.getByRole('button', { name: zh ? '播放' : 'Play', exact: true });
      await play.waitFor();
      await page.waitForFunction(() => !document.querySelector('.dl-dataset-progress'), undefined, {
        timeout: 30_000,
      });
      const problems = [];
      const check = async (locator, what) => {
        const problem = await inView(page, locator, what);
        if (problem) problems.push(problem);
      };
      await check(page.getByTestId('cnn-loss-chart'), 'the loss chart');
      await check(page.getByTestId('cnn-accuracy-chart'), 'the accuracy chart');
      await check(play, 'Play');
      await check(page.getByRole('button', { name: zh ? '单步' : 'Step', exact: true }), 'Step');
      await check(page.getByRole('button', { name: zh ? '重置' : 'Reset', exact: true }), 'Reset');
      const rows = page.locator('.dl-cnn-runs-table tbody tr');
      const runs = await rows.count();
      assert(runs === 2, `runs in the table: ${runs}`);
      for (const [label, momentum] of [
        ['SGD', null],
        ['momentum', '0.9'],
      ]) {
        const lr = page.getByRole('spinbutton', {
          name: zh ? `${label} 的学习率` : `Learning rate of ${label}`,
        });
        await check(lr, `${label}'s learning rate`);
        assert((await lr.inputValue()) === '0.01', `${label}'s η: ${await lr.inputValue()}`);
        if (momentum) {
          const field = page.getByRole('spinbutton', {
            name: zh ? `${label} 的动量` : `Momentum of ${label}`,
          });
          await check(field, `${label}'s momentum`);
          assert((await field.inputValue()) === momentum, `${label}'s γ`);
        }
      }
      const tabs = page.getByRole('tablist', { name: zh ? '网络内部' : 'Inside the network' });
      assert((await tabs.getByRole('tab').count()) === 4, 'four views one click away');
      const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
      console.log(
        `      page height at rest: ${pageHeight} px (${(pageHeight / height).toFixed(2)} screens)`,
      );
      assert(pageHeight <= 3 * height, `the page at rest is ${pageHeight} px tall`);
      await play.click();
      await check(page.getByRole('button', { name: zh ? '暂停' : 'Pause', exact: true }), 'Pause');
      assert(problems.length === 0, problems.join('\n'));
      // A layer explained on the live network: a click on conv1 in the strip opens, in place,
      // what it computes, the formula typeset (MathML) and its real input and output maps.
      const conv1 = page.locator('.dl-architecture-strip .dl-layer-button').first();
      await conv1.click();
      assert((await conv1.getAttribute('aria-expanded')) === 'true', 'conv1 not expanded');
      const explanation = page.locator('.dl-layer-explanation');
      await explanation.waitFor();
      const heading = await explanation.getByRole('heading').innerText();
      assert(heading === (zh ? 'conv1 计算什么' : 'What conv1 computes'), `heading: ${heading}`);
      const text = await explanation.innerText();
      assert(
        zh
          ? /卷积核/.test(text) && /特征图/.test(text)
          : /5×5 kernel/.test(text) && /padding/i.test(text),
        `explanation: ${text}`,
      );
      assert((await explanation.locator('math').count()) === 1, 'no typeset formula');
      await page.waitForFunction(
        () => document.querySelectorAll('.dl-layer-explanation canvas').length === 2,
        undefined,
        { timeout: 20_000 },
      );
      const sizes = await explanation
        .locator('canvas')
        .evaluateAll((cs) => cs.map((c) => [c.width, c.height]));
      // Input: the 28×28 probe; output: 8 maps of 28×28 in a grid (one pixel apart).
      assert(sizes[0][0] === 28 && sizes[0][1] === 28, `input maps ${JSON.stringify(sizes)}`);
      assert(sizes[1][0] > 28 && sizes[1][1] >= 28, `output maps ${JSON.stringify(sizes)}`);
    }),
  ];
}

export function cnnTests({ withPage, longTasks, assert }) {
  return [
    oneScreenTest({ withPage, assert }, 1440, 900, 'en'),
    oneScreenTest({ withPage, assert }, 1024, 768, 'en'),
    oneScreenTest({ withPage, assert }, 1440, 900, 'zh-CN'),
    oneScreenTest({ withPage, assert }, 1024, 768, 'zh-CN'),
    [
      'CNN lab: two optimizers train side by side on MNIST and beat chance on held-out digits',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'CNN lab' }).click();
        await page.getByLabel('Evaluate every (steps)').fill('100');
        await page.getByLabel('Evaluate every (steps)').press('Enter');
        const play = page.getByRole('button', { name: 'Play', exact: true });
        await play.click({ timeout: 30_000 }); // enabled once the data has loaded
        const playedAt = Date.now();
        const before = (await longTasks(page)).length;
        await page.waitForFunction(
          () =>
            Number(
              (
                /Step ([\d,]+)/.exec(
                  document.querySelector('.dl-step-counter')?.textContent ?? '',
                )?.[1] ?? '0'
              ).replaceAll(',', ''),
            ) >= 210,
          undefined,
          { timeout: 90_000 },
        );
        const during = (await longTasks(page)).slice(before);
        const trainedFor = (Date.now() - playedAt) / 1000;
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        // Against compute time: each run's newest point is its own seconds of training, more
        // than nothing and no more than the wall-clock time it has been training.
        await page.getByRole('radio', { name: 'Compute time' }).check();
        const lossChart = page.getByTestId('cnn-loss-chart').getByRole('group').first();
        await lossChart.focus();
        await lossChart.press('End');
        const readout = await page.evaluate(() => {
          const svg = document.querySelector('[data-testid="cnn-loss-chart"] [role="group"]');
          return document.getElementById(svg.getAttribute('aria-describedby')).textContent;
        });
        const seconds = Number(/^seconds of the run's own compute ([\d.]+):/.exec(readout)?.[1]);
        assert(
          seconds > 0.05 && seconds <= trainedFor,
          `compute-time axis: "${readout}" after ${trainedFor.toFixed(1)} s of training`,
        );
        await page.getByRole('radio', { name: 'Steps' }).check();
        // Filters that visibly form: conv1's change since step 0, on its own scale, is not the
        // weights' picture, and it is not blank.
        await page.getByRole('heading', { name: 'Filters', exact: true }).scrollIntoViewIfNeeded();
        await page
          .getByRole('group', { name: 'conv1 change since step 0, SGD' })
          .scrollIntoViewIfNeeded();
        await page.waitForFunction(
          () => document.querySelectorAll('.dl-filter-change canvas').length >= 8,
          undefined,
          { timeout: 10_000 },
        );
        await page.waitForTimeout(500); // tiles repaint in turns
        const tiles = await page.evaluate(() => {
          const pixels = (selector) =>
            [...document.querySelector(selector).querySelectorAll('canvas')]
              .slice(0, 8)
              .map((c) =>
                Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data),
              );
          return {
            weights: pixels('.dl-filter-weights'),
            change: pixels('.dl-filter-change'),
          };
        });
        const kernels = tiles.weights.length;
        assert(kernels === 8 && tiles.change.length === 8, `conv1 tiles: ${kernels}`);
        let differing = 0;
        let total = 0;
        let strongest = 0;
        for (let k = 0; k < 8; k++)
          for (let i = 0; i < tiles.change[k].length; i += 4) {
            const [r, g, b] = tiles.change[k].slice(i, i + 3);
            strongest = Math.max(strongest, 765 - r - g - b); // distance from white
            const same = [0, 1, 2].every(
              (j) => Math.abs(tiles.change[k][i + j] - tiles.weights[k][i + j]) < 8,
            );
            if (!same) differing++;
            total++;
          }
        assert(
          strongest > 150,
          `the change view is nearly blank (max distance from white ${strongest})`,
        );
        assert(
          differing > total / 4,
          `the change view looks like the weights: ${differing} of ${total} pixels differ`,
        );
        // The confusion matrices are one click away; views out of sight pause, so bring them into view.
        await page.getByRole('tab', { name: 'Confusion matrix and mistakes' }).click();
        await page.getByRole('heading', { name: /Confusion matrix/ }).scrollIntoViewIfNeeded();
        await page.waitForFunction(
          () => /held-out accuracy [\d.]+ ?% at step 200/.test(document.body.innerText),
          undefined,
          { timeout: 10_000 },
        );
        const byRun = new Map(
          (await heldOutAccuracies(page)).filter((r) => r.step === 200).map((r) => [r.run, r]),
        );
        const results = [...byRun.values()];
        assert(results.length === 2, `held-out results at step 200: ${JSON.stringify(results)}`);
        // Ten classes: chance is 10 %. 200 steps of batch 20 reach far beyond it.
        for (const r of results)
          assert(r.accuracy > 0.5, `${r.run} reached only ${r.accuracy} at step 200`);
        console.log(
          `      long tasks while training: ${during.length} (${during.map((d) => d.toFixed(0)).join(', ')} ms)`,
        );
        const worst = Math.max(0, ...during);
        assert(worst < 200, `a main-thread task took ${worst.toFixed(0)} ms while the CNN trained`);
      }),
    ],
    [
      'CNN lab: a drawn digit gets a prediction from every run',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'CNN lab' }).click();
        await page.getByRole('button', { name: 'Play', exact: true }).click({ timeout: 30_000 });
        await page.waitForFunction(
          () =>
            Number(
              /Step (\d+)/.exec(
                document.querySelector('.dl-step-counter')?.textContent ?? '',
              )?.[1] ?? 0,
            ) >= 5,
          undefined,
          { timeout: 60_000 },
        );
        await page.getByRole('tab', { name: 'Probe and feature maps' }).click();
        // The probe panel shows the digit it probes: a held-out image, ink on black.
        const probe = page.getByTestId('probe-image').getByRole('img');
        const ink = () =>
          probe.evaluate((c) => {
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let lit = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] > 128) lit++;
            return { lit, width: c.width, height: c.height };
          });
        await probe.waitFor({ timeout: 15_000 });
        const heldOut = await ink();
        assert(
          heldOut.width === 28 && heldOut.height === 28,
          `probe canvas ${JSON.stringify(heldOut)}`,
        );
        assert(heldOut.lit > 30, `the held-out probe shows ${heldOut.lit} inked pixels`);
        await page.getByLabel('Draw one').check();
        const pad = page.getByRole('application', { name: 'Drawing pad' });
        await pad.scrollIntoViewIfNeeded();
        const box = await pad.boundingBox();
        assert(box, 'no drawing pad');
        // A "1": one vertical stroke down the middle.
        await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
        await page.mouse.down();
        for (let k = 1; k <= 12; k++)
          await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + 0.05 * k));
        await page.mouse.up();
        await page.waitForFunction(
          () => document.querySelectorAll('.dl-prediction-text').length >= 2,
          undefined,
          { timeout: 15_000 },
        );
        // Drawn: the probe image is the stroke as the network receives it (centred 28 × 28).
        await page.waitForFunction(
          () => {
            const c = document.querySelector('[data-testid="probe-image"] canvas');
            if (!c) return false;
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let lit = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] > 128) lit++;
            return lit > 10;
          },
          undefined,
          { timeout: 15_000 },
        );
        const texts = await page.locator('.dl-prediction-text').allInnerTexts();
        assert(
          texts.every((t) => /Predicts \d/.test(t)),
          `predictions: ${texts.join(' | ')}`,
        );
        assert((await stepCount(page)) > 0, 'training did not start');
      }),
    ],
  ];
}
