/**
 * One screen that teaches (issue 12), measured from bounding boxes in Chromium: at 1440×900 and
 * 1024×768 the whole map (its plotting area, axes included) and the loss chart are in view on
 * first load; in presenter mode with a lesson open the lesson text, Play and the map are; on a
 * phone (390×844) the map comes within the first screen and a half and nothing overflows
 * sideways — in English and in Chinese. Every built-in surface played with its default
 * learning rates does not diverge. Each state is saved as a screenshot in SCREENS for people
 * to look at.
 */
import { mkdirSync } from 'node:fs';

/** Where the screenshots of each state go (gitignored). */
export const SCREENS = 'test-results/screens';

const LANGUAGES = [
  {
    locale: 'en',
    play: 'Play',
    menu: 'Menu',
    lessons: 'Lessons',
    start: /Start lesson: Gradient descent/,
    presenter: 'Presenter mode',
    progress2: 'Step 2 of',
    pause: 'Pause',
    welcome: 'Welcome to Descent Lab',
    demo: 'Watch momentum beat gradient descent',
  },
  {
    locale: 'zh-CN',
    play: '播放',
    menu: '菜单',
    lessons: '课程',
    start: /开始课程：梯度下降/,
    presenter: '演示模式',
    progress2: '第 2 步',
    pause: '暂停',
    welcome: '欢迎来到梯度下降实验室',
    demo: '看动量如何胜过梯度下降',
  },
];

/** The element's box, or a failure naming it. */
async function box(page, locator, name) {
  const b = await locator.first().boundingBox();
  if (!b) throw new Error(`${name} is not shown`);
  return b;
}

/** Fails unless `b` lies wholly inside the viewport. */
function assertInView(assert, b, viewport, name) {
  const ok =
    b.x >= -0.5 &&
    b.y >= -0.5 &&
    b.x + b.width <= viewport.width + 0.5 &&
    b.y + b.height <= viewport.height + 0.5;
  assert(
    ok,
    `${name} is not fully in view at ${viewport.width}×${viewport.height}: ` +
      `x ${Math.round(b.x)}…${Math.round(b.x + b.width)}, y ${Math.round(b.y)}…${Math.round(b.y + b.height)}`,
  );
}

async function noSidewaysOverflow(page, assert, label) {
  const { scroll, inner } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  assert(scroll <= inner, `${label}: the page is ${scroll} px wide in a ${inner} px window`);
}

async function setLocale(page, locale) {
  await page.evaluate((l) => localStorage.setItem('descent-lab.locale', l), locale);
  await page.reload();
}

async function shoot(page, name) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}/${name}.png` });
}

/** Opens the tools (behind the menu on narrow screens) and starts lesson 1. */
async function openFirstLesson(page, words) {
  const menu = page.getByRole('button', { name: words.menu, exact: true });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole('button', { name: words.lessons, exact: true }).click();
  await page.getByRole('button', { name: words.start }).click();
  await page.getByTestId('lesson-text').waitFor();
}

export function layoutTests({ withPage, assert }) {
  const tests = [];
  for (const words of LANGUAGES) {
    const tag = words.locale;
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1024, height: 768 },
    ]) {
      const size = `${viewport.width}x${viewport.height}`;
      tests.push([
        `layout ${tag} ${size}: map, loss chart and Play in view on first load; run chips`,
        withPage('', async (page) => {
          await page.setViewportSize(viewport);
          await setLocale(page, words.locale);
          await page.getByTestId('loss-map').waitFor();
          await page.waitForTimeout(300); // the map sizes itself once measured
          assertInView(
            assert,
            await box(page, page.getByTestId('loss-map'), 'map'),
            viewport,
            'the map',
          );
          assertInView(
            assert,
            await box(page, page.getByTestId('loss-chart'), 'loss chart'),
            viewport,
            'the loss chart',
          );
          const play = page.getByRole('button', { name: words.play, exact: true });
          assertInView(assert, await box(page, play, 'Play'), viewport, 'Play');
          // The map is not a thumbnail: at least half the height under the header.
          const map = await box(page, page.getByTestId('loss-map'), 'map');
          assert(map.height >= 0.5 * viewport.height, `the map is only ${map.height} px high`);
          // One run shows its settings; the others are chips a few lines high.
          const chips = page.locator('.dl-run-compact');
          assert((await chips.count()) >= 1, 'no run is folded into a chip');
          const chip = await box(page, chips, 'run chip');
          assert(chip.height < 80, `a run chip is ${chip.height} px high`);
          if (viewport.width >= 1440) {
            // The selected run's learning rate is in reach without scrolling.
            const lr = page.getByRole('slider').first();
            assertInView(
              assert,
              await box(page, lr, 'learning rate'),
              viewport,
              'the learning rate slider',
            );
          }
          await noSidewaysOverflow(page, assert, `${tag} ${size}`);
          await shoot(page, `explorer-${size}-${tag}`);
          // The batch lab follows the same grid.
          await page.getByRole('tab').nth(1).click();
          await page.getByTestId('loss-map').waitFor();
          await page.waitForTimeout(300);
          assertInView(
            assert,
            await box(page, page.getByTestId('loss-map'), 'map'),
            viewport,
            'the batch lab map',
          );
          assertInView(
            assert,
            await box(page, page.getByTestId('loss-chart'), 'loss chart'),
            viewport,
            'the batch lab loss chart',
          );
          await noSidewaysOverflow(page, assert, `batch ${tag} ${size}`);
          await shoot(page, `batch-${size}-${tag}`);
        }),
      ]);
      tests.push([
        `layout ${tag} ${size}: presenter mode with a lesson shows the text, Play and the map; clicker keys work`,
        withPage('', async (page) => {
          await page.setViewportSize(viewport);
          await setLocale(page, words.locale);
          await openFirstLesson(page, words);
          // Not presenting: the lesson is a column beside the map, never above it.
          const text = await box(page, page.getByTestId('lesson-text'), 'lesson text');
          const map0 = await box(page, page.getByTestId('loss-map'), 'map');
          assert(text.x + text.width <= map0.x, 'the lesson text is not beside the map');
          assertInView(assert, map0, viewport, 'the map beside the lesson');
          await shoot(page, `lesson-${size}-${tag}`);

          await page.getByRole('button', { name: words.presenter, exact: true }).click();
          await page.waitForTimeout(400);
          await shoot(page, `presenter-${size}-${tag}`);
          const focused = await page.evaluate(() => {
            const el = document.activeElement;
            return el ? `${el.tagName}:${el.closest('.dl-lesson') ? 'lesson' : 'elsewhere'}` : '';
          });
          assert(focused === 'H2:lesson', `focus is on ${focused}, not the lesson heading`);
          const lessonText = await box(page, page.getByTestId('lesson-text'), 'lesson text');
          assert(
            lessonText.y >= 0 && lessonText.y + 60 <= viewport.height,
            `the lesson text starts at y = ${lessonText.y}`,
          );
          const play = page.getByRole('button', { name: words.play, exact: true });
          assertInView(assert, await box(page, play, 'Play'), viewport, 'Play (presenter)');
          const map = await box(page, page.getByTestId('loss-map'), 'map');
          assertInView(assert, map, viewport, 'the map (presenter)');
          assert(
            lessonText.x + lessonText.width <= map.x,
            'the lesson text is not in a side column',
          );
          // Capped to the window's height, yet large: the plotting area takes most of it.
          assert(
            map.height >= 0.55 * viewport.height,
            `the presenter map is only ${Math.round(map.height)} px high`,
          );
          // The map's buttons keep their words on one line (no letter-per-line columns).
          const toolbar = await page.locator('.dl-plot-toolbar button').evaluateAll((buttons) =>
            buttons.map((b) => ({
              height: b.getBoundingClientRect().height,
              font: parseFloat(getComputedStyle(b).fontSize),
            })),
          );
          for (const b of toolbar) {
            assert(b.height < 2.6 * b.font, `a map button is ${b.height} px high (text wraps)`);
          }
          // Passing news is a toast that covers neither Play nor the map and shifts nothing.
          const toast = page.locator('.dl-toast');
          if ((await toast.count()) > 0) {
            const t = await box(page, toast, 'toast');
            for (const [name, b] of [
              ['Play', await box(page, play, 'Play')],
              ['the map', map],
            ]) {
              const overlaps =
                t.x < b.x + b.width &&
                b.x < t.x + t.width &&
                t.y < b.y + b.height &&
                b.y < t.y + t.height;
              assert(!overlaps, `the toast covers ${name}`);
            }
            await toast.getByRole('button').click();
            const after = await box(page, page.getByTestId('loss-map'), 'map');
            assert(
              after.y === map.y && after.height === map.height,
              'closing the toast moved the map',
            );
          }
          const fontSize = await page.evaluate(() =>
            parseFloat(
              getComputedStyle(document.querySelector('[data-testid="lesson-text"]')).fontSize,
            ),
          );
          assert(fontSize >= 20, `presenter text is ${fontSize} px`);
          if (viewport.width >= 1440) {
            // The chart the lesson talks about beside the map.
            const chart = await box(page, page.getByTestId('loss-chart'), 'loss chart');
            assertInView(assert, chart, viewport, 'the loss chart (presenter)');
            assert(chart.x >= map.x + map.width, 'the loss chart is not beside the map');
          }
          await noSidewaysOverflow(page, assert, `presenter ${tag} ${size}`);

          // A clicker's keys work whatever button has focus.
          const reload = page.locator('.dl-lesson-nav button').nth(1);
          await reload.focus();
          await page.keyboard.press('PageDown');
          await page.getByText(words.progress2).first().waitFor({ timeout: 5000 });
          await page.locator('.dl-lesson-nav button').first().focus();
          await page.keyboard.press('Space');
          await page
            .locator('.dl-playback button.dl-primary')
            .filter({ hasNotText: words.play })
            .waitFor({ timeout: 5000 });
          await page.keyboard.press('Escape');
          await page.waitForFunction(
            () => !document.documentElement.classList.contains('dl-presenter'),
          );
        }),
      ]);
    }
    tests.push([
      `layout ${tag}: a first-visit card says what to press, stays off the map, and is remembered once closed`,
      withPage('', async (page) => {
        // The harness hides the card from other tests; this one asks for a first visit.
        await page.evaluate((l) => {
          sessionStorage.setItem('descent-lab.test.welcome', '1');
          localStorage.clear();
          localStorage.setItem('descent-lab.locale', l);
        }, words.locale);
        for (const viewport of [
          { width: 1440, height: 900 },
          { width: 1024, height: 768 },
        ]) {
          await page.setViewportSize(viewport);
          await page.reload();
          const card = page.getByRole('region', { name: words.welcome });
          await card.waitFor();
          await page.waitForTimeout(300);
          const c = await box(page, card, 'welcome card');
          assertInView(assert, c, viewport, 'the welcome card');
          for (const [name, b] of [
            ['the map', await box(page, page.getByTestId('loss-map'), 'map')],
            [
              'Play',
              await box(page, page.getByRole('button', { name: words.play, exact: true }), 'Play'),
            ],
          ]) {
            const overlaps =
              c.x < b.x + b.width &&
              b.x < c.x + c.width &&
              c.y < b.y + b.height &&
              b.y < c.y + c.height;
            assert(
              !overlaps,
              `the welcome card covers ${name} at ${viewport.width}×${viewport.height}`,
            );
          }
          // It says what to press first.
          assert((await card.textContent()).includes(words.play), 'the card does not name Play');
          await shoot(page, `welcome-${viewport.width}x${viewport.height}-${tag}`);
        }
        // Keyboard: its buttons are in the tab order, and Escape closes it.
        await page.getByRole('button', { name: words.demo }).focus();
        await page.keyboard.press('Escape');
        await page.getByRole('region', { name: words.welcome }).waitFor({ state: 'detached' });
        await page.reload();
        await page.getByTestId('loss-map').waitFor();
        await page.waitForTimeout(500);
        assert(
          (await page.getByRole('region', { name: words.welcome }).count()) === 0,
          'the welcome card came back after being closed',
        );
        // The demo plays the ravine race at an animated pace: still moving after a second.
        await page.evaluate(() => localStorage.removeItem('descent-lab.welcomed'));
        await page.reload();
        await page.getByRole('button', { name: words.demo }).click();
        await page.getByRole('button', { name: words.pause, exact: true }).waitFor();
        await page.waitForTimeout(1000);
        const counter = await page.locator('.dl-step-counter').textContent();
        const step = Number(/\d+/.exec(counter)?.[0]);
        assert(step > 0 && step < 150, `one second into the demo the counter reads "${counter}"`);
        const speed = await page.locator('.dl-playback select').inputValue();
        assert(speed === '30', `the demo plays at speed "${speed}", not 30 steps/s`);
        await page.getByRole('button', { name: words.pause, exact: true }).click();
      }),
    ]);
    tests.push([
      `layout ${tag} 390x844: the map first, a header menu, nothing overflows sideways`,
      withPage('', async (page) => {
        const viewport = { width: 390, height: 844 };
        await page.setViewportSize(viewport);
        await setLocale(page, words.locale);
        await page.getByTestId('loss-map').waitFor();
        await page.waitForTimeout(300);
        const map = await box(page, page.getByTestId('loss-map'), 'map');
        assert(
          map.y + map.height <= 1.5 * viewport.height,
          `the map ends at y = ${map.y + map.height}`,
        );
        assert(
          map.x >= 0 && map.x + map.width <= viewport.width,
          'the map is wider than the phone',
        );
        const menu = page.getByRole('button', { name: words.menu, exact: true });
        assert(await menu.isVisible(), 'no menu button on a phone');
        assert(
          !(await page.getByRole('button', { name: words.lessons, exact: true }).isVisible()),
          'the header tools are not folded into the menu',
        );
        await noSidewaysOverflow(page, assert, `phone ${tag}`);
        await shoot(page, `phone-390x844-${tag}`);
        await menu.click();
        await page.getByRole('button', { name: words.lessons, exact: true }).waitFor();
        await noSidewaysOverflow(page, assert, `phone menu ${tag}`);
        await shoot(page, `phone-menu-390x844-${tag}`);
        // Charts and the results table fit the phone too (scrolled into view).
        await page.getByRole('table').first().scrollIntoViewIfNeeded();
        await noSidewaysOverflow(page, assert, `phone table ${tag}`);
      }),
    ]);
  }

  tests.push([
    'every built-in surface played with its defaults does not diverge',
    withPage('', async (page) => {
      await page.setViewportSize({ width: 1440, height: 900 });
      const surface = page.getByRole('combobox', { name: 'Surface', exact: true });
      const names = await surface
        .locator('option')
        .evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== 'custom'));
      assert(names.length >= 9, `only ${names.length} surfaces`);
      await page.getByRole('combobox', { name: 'Speed', exact: true }).selectOption('max');
      for (const name of names) {
        await surface.selectOption(name);
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        // Every run has finished or diverged once Play is disabled again.
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('.dl-run-panel')].every(
              (p) => !p.classList.contains('dl-run-running'),
            ),
          null,
          { timeout: 20_000 },
        );
        const diverged = await page.locator('.dl-run-diverged').count();
        assert(diverged === 0, `${name}: ${diverged} run(s) diverged with the defaults`);
      }
      // Back to the first surface, so an autosave racing the page's end leaves nothing odd.
      await surface.selectOption(names[0]);
    }),
  ]);
  return tests;
}
