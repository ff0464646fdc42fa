/**
 * First load (issue 17): how soon the surface explorer is interactive, a Chinese page that
 * never flashes English, and a part of the app that cannot be fetched (offline with an old
 * cache) said in words with a retry.
 */
import { availableParallelism, loadavg } from 'node:os';

/** Milliseconds from navigation start until the Play button is enabled (polled every frame). */
async function msUntilPlay(page) {
  return page.waitForFunction(
    () => {
      const play = [...document.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === 'Play' || b.textContent?.trim() === '播放',
      );
      return play && !play.disabled ? performance.now() : null;
    },
    undefined,
    { polling: 'raf', timeout: 20_000 },
  );
}

export function firstLoadTests({ withPage, assert }) {
  return [
    [
      'first load: the surface explorer is interactive (Play enabled) within 1 s on a warm cache',
      withPage('', async (page) => {
        await (await msUntilPlay(page)).jsonValue();
        // Warm: the service worker holds every file after the first visit.
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
        const times = [];
        for (let i = 0; i < 3; i++) {
          await page.reload();
          times.push(await (await msUntilPlay(page)).jsonValue());
        }
        const best = Math.min(...times);
        console.log(
          `      Play enabled after ${times.map((t) => t.toFixed(0)).join(', ')} ms (warm reloads)`,
        );
        // The median of three, so one reload slowed by another process does not decide.
        const median = [...times].sort((a, b) => a - b)[1];
        assert(best > 0, 'no time measured');
        // The bound is for this machine when it is not shared: with more runnable
        // processes than cores the page waits for the CPU, not for its own work; say so.
        const load = loadavg()[0] / availableParallelism();
        if (load > 1) {
          console.log(`      (1 s bound not checked: load average ${load.toFixed(1)} per core)`);
          return;
        }
        assert(median < 1000, `Play was enabled only ${median.toFixed(0)} ms after navigation`);
      }),
    ],
    [
      'first load: a Chinese page shows Chinese from its first paint (no English flash)',
      withPage('', async (page) => {
        await page.evaluate(() => localStorage.setItem('descent-lab.locale', 'zh-CN'));
        // Record the first text the app renders, before any test code can look.
        await page.addInitScript(() => {
          new MutationObserver((_, observer) => {
            const root = document.getElementById('root');
            const text = root?.innerText.trim();
            if (!text) return;
            window.__firstText = text;
            observer.disconnect();
          }).observe(document, { childList: true, subtree: true });
        });
        await page.reload();
        await page.getByRole('tab', { name: '曲面探索' }).waitFor();
        const first = await page.evaluate(() => window.__firstText);
        assert(first.includes('曲面探索'), `first text: ${first.slice(0, 200)}`);
        for (const english of ['Surface explorer', 'Batch lab', 'Play', 'Lessons'])
          assert(!first.includes(english), `"${english}" flashed first: ${first.slice(0, 200)}`);
      }),
    ],
    [
      'first load: a part that cannot be fetched says so and loads on retry',
      withPage('', async (page, problems) => {
        // As if offline with a stale cache: the CNN lab's script does not arrive.
        let blocked = true;
        await page.route(/CnnLabPage-[\w-]+\.js$/, (route) =>
          blocked ? route.abort('internetdisconnected') : route.continue(),
        );
        // Past the service worker (which would answer from its cache), so the route sees it.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setBypassServiceWorker', { bypass: true });
        await page.reload();
        await page.getByRole('tab', { name: 'CNN lab' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'could not be fetched' });
        await alert.waitFor({ timeout: 10_000 });
        blocked = false;
        await alert.getByRole('button', { name: 'Try again' }).click();
        await page.getByRole('heading', { name: 'Network and data' }).waitFor({ timeout: 15_000 });
        // The blocked fetches are logged by the browser; they are this test's doing.
        const provoked = (p) => p.includes('net::ERR_INTERNET_DISCONNECTED');
        assert(problems.some(provoked), 'the CNN lab was never blocked');
        problems.splice(0, problems.length, ...problems.filter((p) => !provoked(p)));
      }),
    ],
  ];
}
