/** Classroom features in a real browser (issue 7): lessons in two languages, links, a11y, offline. */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { englishWords, pageTexts } from '../support/englishWords.mjs';
import { parseCsv } from '../support/rfc4180.mjs';

/** Hostile run labels: a formula, separators and line ends, an emoji and direction marks, a lone surrogate. */
const HOSTILE_LABELS = ['=1+2', 'a,"b"\r\nc', '😀 \u202eRTL\u202c', 'lone \ud800'];

/** A share link's payload made with Node's zlib, not the app's encoder. */
const sharePayload = (experiment) =>
  deflateSync(Buffer.from(JSON.stringify(experiment), 'utf8')).toString('base64url');

/** The text of the file the page downloads when `item` of the Export menu is chosen. */
async function exported(page, item) {
  const menu = page.getByRole('button', { name: 'Export', exact: true });
  if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: item, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const AXE = readFileSync(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);

/** Serious or critical axe-core violations on the page as it is now. */
async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
}

/** Opens lesson 1, plays its first step to the checkpoint and moves to step 2, in `words`. */
async function walkFirstLesson(page, words, assert) {
  await page.getByRole('button', { name: words.lessons, exact: true }).click();
  await page.getByRole('button', { name: words.start }).click();
  await page.getByText(words.progress1).first().waitFor();
  await page.getByRole('button', { name: words.play, exact: true }).click();
  await page.getByRole('status').filter({ hasText: words.reached }).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: words.next, exact: true }).click();
  await page.getByText(words.progress2).first().waitFor();
  const lang = await page.evaluate(() => document.documentElement.lang);
  assert(lang === words.lang, `<html lang> is ${lang}`);
}

/**
 * The English words on the page now, with the text and where each was found; run labels (the
 * run panels' headings) and the allowed tokens of englishWords.mjs are not counted.
 */
async function englishOnPage(page, state) {
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll('.dl-run-panel h3')].map((h) => h.textContent ?? ''),
  );
  const texts = await page.evaluate(pageTexts);
  return texts.flatMap(({ where, text }) => {
    const words = englishWords(text, labels);
    return words.length > 0 ? [`${state}, ${where}: ${text} [${words.join(' ')}]`] : [];
  });
}

/** Plays the visible workspace for `ms`, pauses, hovers the map and reads the first chart. */
async function playAndRead(page, ms) {
  await page.getByRole('button', { name: '播放', exact: true }).click();
  await page.waitForTimeout(ms);
  // A short run may have finished by itself.
  const pause = page.getByRole('button', { name: '暂停', exact: true });
  if ((await pause.count()) > 0) await pause.click();
  const map = page.locator('.dl-contour-plot svg:not(.dl-contour-layer)');
  if ((await map.count()) > 0) {
    const box = await map.boundingBox();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  }
  // Focus scrolls the chart into view, where it draws (and the pointer leaves the map); the
  // plots redraw a few times a second, so the keys are pressed once it has.
  await page.locator('.dl-line-chart svg[tabindex]').first().focus();
  await page.waitForTimeout(500);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(200);
}

export function classroomTests({ withPage, assert }) {
  return [
    [
      'no English words in the Chinese UI of the three workspaces, plots and readouts included',
      withPage('', async (page) => {
        await page.getByLabel('Language').selectOption('zh-CN');
        const found = [];
        await playAndRead(page, 1500);
        found.push(...(await englishOnPage(page, 'explorer')));
        // The scan read the plots: the map's run titles and a chart readout are there.
        const plots = await page.evaluate(() => ({
          runs: [...document.querySelectorAll('.dl-run > title')].map((e) => e.textContent),
          readouts: [...document.querySelectorAll('.dl-plot-readout')].map((e) => e.textContent),
        }));
        assert(
          plots.runs.some((t) => t.includes('已走')),
          `run titles: ${plots.runs.join(', ')}`,
        );
        assert(plots.readouts.some(Boolean), 'no plot readout was shown');
        await page.getByRole('tab', { name: '批量实验室' }).click();
        await playAndRead(page, 1500);
        found.push(...(await englishOnPage(page, 'batch lab')));
        await page.getByRole('tab', { name: 'CNN 实验室' }).click();
        await page.locator('.dl-filter-grid button').first().waitFor({ timeout: 30_000 });
        await playAndRead(page, 3000);
        // Every tab of the CNN lab is read: only the open one is on the page.
        const cnnTabs = page.locator('.dl-cnn-tablist [role="tab"]');
        const tabCount = await cnnTabs.count();
        assert(tabCount >= 4, `CNN lab tabs: ${tabCount}`);
        for (let i = 0; i < tabCount; i++) {
          await cnnTabs.nth(i).click();
          if ((await cnnTabs.nth(i).textContent())?.includes('混淆矩阵')) {
            await page.locator('.dl-matrix-plot').first().waitFor({ timeout: 30_000 });
          }
          await page.waitForTimeout(300);
          found.push(...(await englishOnPage(page, `CNN lab, tab ${i + 1}`)));
        }
        await page.getByLabel('语言').selectOption('en');
        assert(found.length === 0, `English in the Chinese UI:\n${found.join('\n')}`);
      }),
    ],
    [
      'a lesson walks step by step in English, its checkpoint detected',
      withPage('', async (page) => {
        await walkFirstLesson(
          page,
          {
            lessons: 'Lessons',
            start: 'Start lesson: Gradient descent',
            progress1: /^Step 1 of \d+$/,
            play: 'Play',
            reached: 'Reached!',
            next: 'Next',
            progress2: /^Step 2 of \d+$/,
            lang: 'en',
          },
          assert,
        );
      }),
    ],
    [
      'the convnet momentum lesson’s third step is reached from the filters’ velocity in the page',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await page.getByRole('button', { name: 'Start lesson: Momentum in a convnet' }).click();
        for (const n of [2, 3]) {
          await page.getByRole('button', { name: 'Next', exact: true }).click();
          await page.getByText(`Step ${n} of 3`).first().waitFor();
        }
        await page
          .getByText(/median of ‖v‖\/\(η‖g‖\) is 2 or more/)
          .first()
          .waitFor();
        await page.getByRole('button', { name: 'Play', exact: true }).click({ timeout: 30_000 });
        // Statistics reach the checkpoint once per frame, apart from the steps (checkpointFeed).
        await page
          .getByRole('status')
          .filter({ hasText: 'Reached!' })
          .waitFor({ timeout: 120_000 });
      }),
    ],
    [
      'the same lesson in Simplified Chinese, and the choice is remembered',
      withPage('', async (page) => {
        await page.getByLabel('Language').selectOption('zh-CN');
        await walkFirstLesson(
          page,
          {
            lessons: '课程',
            start: '开始课程：梯度下降',
            progress1: /^第 1 步，共 \d+ 步$/,
            play: '播放',
            reached: '已达到！',
            next: '下一步',
            progress2: /^第 2 步，共 \d+ 步$/,
            lang: 'zh-CN',
          },
          assert,
        );
        await page.reload();
        await page.getByRole('button', { name: '播放', exact: true }).waitFor();
        await page.getByLabel('语言').selectOption('en');
      }),
    ],
    [
      'a corrupt share link shows why and loads the default experiment, nothing else',
      withPage('#e=AAAA%%%notbase64', async (page) => {
        await page
          .getByText('This link could not be opened, so the default experiment is shown.')
          .waitFor();
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
        );
      }),
    ],
    [
      'no serious accessibility violations (axe-core) in the explorer, the batch lab and a lesson',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
        const problems = await axeViolations(page);
        await page.getByRole('tab', { name: 'Batch lab' }).click();
        await page.waitForTimeout(500);
        problems.push(...(await axeViolations(page)));
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await page.getByRole('button', { name: 'Start lesson: Gradient descent' }).click();
        await page.waitForTimeout(500);
        problems.push(...(await axeViolations(page)));
        assert(problems.length === 0, problems.join('\n'));
      }),
    ],
    [
      'saved experiments survive entries that cannot be read or share an id',
      withPage('', async (page) => {
        const experiment = {
          problem: { kind: 'surface', surface: 'beale' },
          runs: [{ optimizer: { kind: 'adam', lr: 0.05 } }],
        };
        const entry = (id, name, savedAt) => ({ id, name, savedAt, experiment });
        const list = {
          format: 1,
          entries: [
            entry('a', 'Good', 5),
            entry('b', 'Out of the Date range', 1e300),
            entry('a', 'Twin', 6),
            42,
          ],
        };
        await page.evaluate(
          (text) => localStorage.setItem('descent-lab.saved', text),
          JSON.stringify(list),
        );
        await page.reload();
        for (let round = 0; round < 2; round++) {
          await page.getByRole('button', { name: 'Saved', exact: true }).click();
          const panel = page.getByRole('region', { name: 'Saved experiments' });
          await panel.getByText('2 saved entries could not be read').waitFor();
          assert((await panel.locator('.dl-saved-name').allTextContents()).join() === 'Twin,Good');
          await page.getByRole('button', { name: 'Saved', exact: true }).click();
        }
        await page.getByRole('button', { name: 'Saved', exact: true }).click();
        const panel = page.getByRole('region', { name: 'Saved experiments' });
        await panel.getByRole('button', { name: 'Delete Twin' }).click();
        await panel.getByRole('button', { name: 'Delete Twin' }).click();
        await panel.getByText('Deleted “Twin”.').waitFor();
        const names = await panel.locator('.dl-saved-name').allTextContents();
        assert(names.join() === 'Good', `left: ${names.join()}`);
        const download = page.waitForEvent('download');
        await panel.getByRole('button', { name: 'Download them' }).click();
        const file = await download;
        const text = readFileSync(await file.path(), 'utf8');
        assert(JSON.parse(text).unreadable.length === 2, text);
      }),
    ],
    [
      'a training worker that stops silently is noticed, and Restart recovers',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
        );
        // The worker ends itself without an error event, as one killed for memory would.
        for (const worker of page.workers()) await worker.evaluate(() => self.close());
        const alert = page.getByRole('alert').filter({ hasText: 'stopped responding' });
        await alert.waitFor({ timeout: 15_000 });
        await alert.getByRole('button', { name: 'Restart' }).click();
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
          undefined,
          { timeout: 15_000 },
        );
        assert((await page.getByRole('alert').count()) === 0, 'the alert stayed');
      }),
    ],
    [
      'an uncaught error in a training worker: one plain message, settings kept, Restart trains',
      withPage('', async (page) => {
        const rate = page.getByRole('spinbutton', { name: 'Learning rate' }).first();
        await rate.fill('0.02');
        await rate.press('Enter');
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction(
          () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
        );
        // As an allocation failing deep in a step would: thrown where nothing catches it.
        for (const worker of page.workers())
          await worker.evaluate(() => {
            setTimeout(() => {
              throw new RangeError('Array buffer allocation failed');
            }, 0);
          });
        const alert = page.getByRole('alert');
        await alert.waitFor({ timeout: 15_000 });
        assert((await alert.count()) === 1, 'more than one alert');
        const text = await alert.textContent();
        assert(
          /^Training stopped\. (the training worker stopped: )?Array buffer allocation failed\. Your settings and curves are kept\.Restart$/.test(
            text,
          ),
          `the alert says: ${text}`,
        );
        await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
        assert((await rate.inputValue()) === '0.02', 'the learning rate was lost');
        await alert.getByRole('button', { name: 'Restart' }).click();
        const before = await page.evaluate(
          () => document.querySelector('.dl-step-counter')?.textContent ?? '',
        );
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForFunction((shown) => {
          const text = document.querySelector('.dl-step-counter')?.textContent ?? '';
          return text !== shown;
        }, before);
        assert((await page.getByRole('alert').count()) === 0, 'the alert stayed');
        assert((await rate.inputValue()) === '0.02', 'Restart lost the learning rate');
      }),
    ],
    [
      'hostile labels survive the link, the CSV and JSON downloads and the experiment file',
      withPage(
        `#e=${sharePayload({
          problem: { kind: 'surface', surface: 'quadratic' },
          steps: 4,
          runs: HOSTILE_LABELS.map((label) => ({ label, optimizer: { kind: 'sgd', lr: 0.1 } })),
        })}`,
        async (page) => {
          await page.getByRole('button', { name: 'Play', exact: true }).click();
          await page.waitForFunction(() =>
            document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 4 '),
          );
          // CSV, read by the tests' RFC 4180 parser: the formula neutralised (README), the lone
          // surrogate as U+FFFD (UTF-8 cannot hold it), everything else as typed.
          const csv = await exported(page, 'Run histories (.csv)');
          assert(csv.name.endsWith('.csv'), csv.name);
          const [header, ...rows] = parseCsv(csv.text);
          assert(header[0] === 'run' && header[1] === 'step', `header ${header}`);
          const inCsv = ["'=1+2", 'a,"b"\r\nc', '😀 \u202eRTL\u202c', 'lone \ufffd'];
          const expected = inCsv.flatMap((label) => [0, 1, 2, 3, 4].map((s) => `${label}|${s}`));
          const got = rows.map((row) => `${row[0]}|${row[1]}`).sort();
          assert(
            JSON.stringify(got) === JSON.stringify(expected.sort()),
            `CSV rows ${JSON.stringify(got)}`,
          );
          assert(
            rows.every((row) => row.length === header.length),
            'a row with a different cell count',
          );
          // JSON history and experiment file: every label exactly (JSON escapes the surrogate).
          const history = JSON.parse((await exported(page, 'Run histories (.json)')).text);
          const labels = [...new Set(history.map((r) => r.run))].sort();
          assert(
            JSON.stringify(labels) === JSON.stringify([...HOSTILE_LABELS].sort()),
            `JSON history labels ${JSON.stringify(labels)}`,
          );
          const file = await exported(page, 'Experiment (.json)');
          const runs = JSON.parse(file.text).runs.map((r) => r.label);
          assert(
            JSON.stringify(runs) === JSON.stringify(HOSTILE_LABELS),
            `file labels ${JSON.stringify(runs)}`,
          );
          // Imported back, it exports the same file.
          await page.locator('input[type=file]').setInputFiles({
            name: file.name,
            mimeType: 'application/json',
            buffer: Buffer.from(file.text, 'utf8'),
          });
          await page.getByText(`Opened “${file.name}”.`).waitFor();
          const again = await exported(page, 'Experiment (.json)');
          assert(again.text === file.text, 'the imported experiment exports differently');
        },
      ),
    ],
    [
      'works offline after the first visit',
      withPage('', async (page) => {
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        const context = page.context();
        await context.setOffline(true);
        try {
          await page.reload();
          await page.getByRole('button', { name: 'Play', exact: true }).click();
          await page.waitForFunction(
            () => !document.querySelector('.dl-step-counter')?.textContent?.startsWith('Step 0 '),
          );
        } finally {
          await context.setOffline(false);
        }
      }),
    ],
    [
      'a lesson prints as a worksheet: every step’s text and room to answer, the figure, no app chrome',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await page.getByRole('button', { name: 'Start lesson: When momentum hurts' }).click();
        await page.getByRole('button', { name: 'Print handout' }).waitFor();
        await page.emulateMedia({ media: 'print' });
        const shown = (selector) =>
          page.evaluate((s) => {
            const el = document.querySelector(s);
            if (!el) return null;
            const box = el.getBoundingClientRect();
            return getComputedStyle(el).display !== 'none' && box.width > 0 && box.height > 0;
          }, selector);
        // The chrome is gone…
        for (const chrome of ['.dl-header', '.dl-playback', '.dl-lesson-nav', '.dl-rail'])
          assert((await shown(chrome)) === false, `${chrome} is printed`);
        // …the worksheet has all three steps' narration, predictions with room to answer…
        assert(await shown('[data-testid="lesson-handout"]'), 'the worksheet is not printed');
        const worksheet = await page.getByTestId('lesson-handout').innerText();
        for (const words of [
          'Step 1: A round bowl',
          'Step 2: Too much momentum',
          'Step 3: Look before you leap: Nesterov',
          'Momentum shines in narrow valleys',
          'Your answer and why:',
          'What you saw:',
        ])
          assert(worksheet.includes(words), `the worksheet lacks “${words}”`);
        const lines = await page.locator('.dl-handout-line').count();
        assert(lines >= 9, `only ${lines} lines to write on`);
        // …and the figure the step talks about, as rendered.
        assert(await shown('[data-testid="loss-map"]'), 'the map is not printed');
        // A real PDF comes out of it.
        const pdf = await page.pdf({ format: 'A4' });
        assert(pdf.length > 20_000 && pdf.subarray(0, 4).toString() === '%PDF', 'no PDF');
        await page.emulateMedia({ media: 'screen' });
        assert((await shown('[data-testid="lesson-handout"]')) === false, 'worksheet on screen');
      }),
    ],
    [
      'a map prediction: a click places the guess, Play shows it beside where the run went',
      withPage('', async (page) => {
        await page.getByRole('button', { name: 'Lessons', exact: true }).click();
        await page.getByRole('button', { name: 'Start lesson: When momentum hurts' }).click();
        const box = page.getByRole('group', { name: 'Predict' });
        await page.locator('.dl-map-picking').waitFor();
        // Click where the data point (3.4, −1.7) is, by the map's own axis domains.
        const map = page.getByTestId('loss-map');
        const svg = map.locator(':scope > svg');
        const [x0, x1] = (await map.getAttribute('data-x-domain')).split(' ').map(Number);
        const [y0, y1] = (await map.getAttribute('data-y-domain')).split(' ').map(Number);
        // The plotting area inside the axes: the trajectory layer covers exactly it.
        const rect = await svg.boundingBox();
        const inner = await map.locator('canvas.dl-trajectory-lines').boundingBox();
        await svg.click({
          position: {
            x: inner.x - rect.x + ((3.4 - x0) / (x1 - x0)) * inner.width,
            y: inner.y - rect.y + ((y1 - -1.7) / (y1 - y0)) * inner.height,
          },
        });
        const x = Number(await box.getByRole('textbox', { name: 'Your point’s x' }).inputValue());
        const y = Number(await box.getByRole('textbox', { name: 'Your point’s y' }).inputValue());
        assert(Math.abs(x - 3.4) < 0.1 && Math.abs(y + 1.7) < 0.1, `guess (${x}, ${y})`);
        await box.getByRole('button', { name: 'Commit prediction' }).click();
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await box
          .getByText(/What happened: the run reached \(3\.3\d*, -1\.68/)
          .waitFor({ timeout: 30_000 });
        await box.getByText('Your prediction was right.').waitFor();
        await page.getByRole('img', { name: /^Where the run went/ }).waitFor();
      }),
    ],
  ];
}
