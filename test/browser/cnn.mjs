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

export function cnnTests({ withPage, longTasks, assert }) {
  return [
    [
      'CNN lab: two optimizers train side by side on MNIST and beat chance on held-out digits',
      withPage('', async (page) => {
        await page.getByRole('tab', { name: 'CNN lab' }).click();
        await page.getByLabel('Evaluate every (steps)').fill('100');
        await page.getByLabel('Evaluate every (steps)').press('Enter');
        const play = page.getByRole('button', { name: 'Play', exact: true });
        await play.click({ timeout: 30_000 }); // enabled once the data has loaded
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
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        // Views out of sight pause; bring the confusion matrices into view.
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
