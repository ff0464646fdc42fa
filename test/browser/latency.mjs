/**
 * Command latency in real Chromium: a training worker reads its commands between slices of at
 * most a few milliseconds of work, whatever the batch and evaluation sizes, so Pause, Step, an
 * η change or a ping reach it within 100 ms of compute. Measured directly: the page's Worker
 * objects are recorded by an init script, and the test pings each one and times the answer.
 */
import { zlibSync } from 'fflate';

/** Records every Worker the page creates and when each answers a ping (`performance.now()`). */
function recordWorkers() {
  const Native = window.Worker;
  window.__workers = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      const entry = { worker: this, pongs: new Map(), live: true };
      window.__workers.push(entry);
      this.addEventListener('message', (event) => {
        if (event.data?.type === 'pong') entry.pongs.set(event.data.seq, performance.now());
      });
    }
    terminate() {
      const entry = window.__workers.find((e) => e.worker === this);
      if (entry) entry.live = false;
      super.terminate();
    }
  };
}

/**
 * Pings every live worker of the page `rounds` times, 150 ms apart, and resolves with the answer
 * times in milliseconds (Infinity for a worker that did not answer within `timeoutMs`).
 */
async function pingLatencies(page, rounds, timeoutMs) {
  return page.evaluate(
    async ({ rounds, timeoutMs }) => {
      const latencies = [];
      for (let round = 0; round < rounds; round++) {
        const live = window.__workers.filter((entry) => entry.live);
        const pending = live.map((entry) => {
          // Numbers of our own, far from the app's heartbeat's, never reused.
          const seq = 1e9 + (window.__pingSeq = (window.__pingSeq ?? 0) + 1);
          const sent = performance.now();
          entry.worker.postMessage({ type: 'ping', seq });
          return new Promise((resolve) => {
            const check = () => {
              const at = entry.pongs.get(seq);
              if (at !== undefined) resolve(at - sent);
              else if (performance.now() - sent > timeoutMs) resolve(Infinity);
              else setTimeout(check, 2);
            };
            check();
          });
        });
        latencies.push(...(await Promise.all(pending)));
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      return latencies;
    },
    { rounds, timeoutMs },
  );
}

/** A share link (`#e=…`: zlib-compressed JSON in base64url) opening `experiment`. */
function shareHash(experiment) {
  const bytes = zlibSync(new TextEncoder().encode(JSON.stringify(experiment)), { level: 9 });
  return '#e=' + Buffer.from(bytes).toString('base64url');
}

async function stepCounter(page) {
  const text = (await page.locator('.dl-step-counter').first().textContent()) ?? '';
  return Number((/Step ([\d,]+)/.exec(text)?.[1] ?? 'NaN').replace(/,/g, ''));
}

const list = (values) => values.map((v) => (Number.isFinite(v) ? v.toFixed(0) : '∞')).join(', ');

export function latencyTests({ withPage, assert }) {
  return [
    [
      'latency: CNN workers at batch 2,000 with evaluation every step answer commands within 100 ms of compute; Pause stops the counter at once',
      withPage('', async (page) => {
        // Two runs whose every step is 2,000 training digits plus 2,000 held-out ones: seconds of
        // work per step, which a worker finishing whole steps before reading would make us wait for.
        const experiment = {
          problem: { kind: 'cnn', dataset: 'mnist', trainSize: 8000, testSize: 2000, evalEvery: 1 },
          steps: 50,
          seed: 1,
          runs: [
            { label: 'SGD', batchSize: 2000, optimizer: { kind: 'sgd', lr: 0.01 } },
            {
              label: 'momentum',
              batchSize: 2000,
              optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 },
            },
          ],
        };
        await page.addInitScript(recordWorkers);
        const url = page.url().split('#')[0];
        await page.goto('about:blank');
        await page.goto(url + shareHash(experiment));
        const play = page.getByRole('button', { name: 'Play', exact: true });
        await play.click({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
        // Let the workers get deep into their first step, then time their answers.
        await page.waitForTimeout(1500);
        const workers = await page.evaluate(
          () => window.__workers.filter((entry) => entry.live).length,
        );
        assert(workers >= 1, 'no training worker');
        const playing = await pingLatencies(page, 4, 20_000);
        const started = Date.now();
        await page.waitForFunction(
          () => /Step [1-9]/.test(document.querySelector('.dl-step-counter')?.textContent ?? ''),
          null,
          { timeout: 120_000 },
        );
        const firstStepMs = Date.now() - started + 1500 + 4 * 150;
        console.log(
          `      ping → pong while training: ${list(playing)} ms (one step takes about ${firstStepMs} ms here)`,
        );
        // On this shared machine a worker thread can wait for a core; the work between two
        // command reads is ≤ 12 ms. Before the slicing, an answer waited for the whole step.
        assert(
          playing.every((ms) => ms < 400),
          `a worker answered a ping after ${list(playing)} ms while training`,
        );

        // Pause: the button and the counter stop at once, and no step completes afterwards.
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        await play.waitFor({ timeout: 1000 });
        const pausedAt = await stepCounter(page);
        const paused = await pingLatencies(page, 3, 5000);
        await page.waitForTimeout(Math.min(4000, firstStepMs));
        const later = await stepCounter(page);
        console.log(`      ping → pong while paused: ${list(paused)} ms`);
        assert(later === pausedAt, `the counter moved from ${pausedAt} to ${later} after Pause`);
        assert(
          paused.every((ms) => ms < 400),
          `a paused worker answered after ${list(paused)} ms`,
        );
      }),
    ],
    [
      'latency: six surface runs at full speed answer commands within 100 ms; Pause stops the counter at once',
      withPage('', async (page) => {
        await page.addInitScript(recordWorkers);
        await page.reload();
        const budget = page.getByRole('spinbutton', { name: 'Step budget', exact: true });
        await budget.fill('1000000');
        await budget.press('Enter');
        for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Add run' }).click();
        await page.getByLabel('Speed').selectOption('max');
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await page.waitForTimeout(1000);
        const before = await stepCounter(page);
        const playing = await pingLatencies(page, 6, 5000);
        const after = await stepCounter(page);
        console.log(
          `      ping → pong at full speed: ${list(playing)} ms (steps ${before} → ${after} meanwhile)`,
        );
        assert(after > before, `the runs are not training (step ${before} → ${after})`);
        assert(
          playing.every((ms) => ms < 400),
          `answers after ${list(playing)} ms at full speed`,
        );
        await page.getByRole('button', { name: 'Pause', exact: true }).click();
        await page.getByRole('button', { name: 'Play', exact: true }).waitFor({ timeout: 1000 });
        // Steps the worker finished before it read Pause are still on their way (at full speed,
        // up to ~1,600 steps on a quiet machine, drawn within a second); then nothing moves.
        const clicked = await stepCounter(page);
        await page.waitForTimeout(1000);
        const pausedAt = await stepCounter(page);
        await page.waitForTimeout(1000);
        const later = await stepCounter(page);
        console.log(`      after Pause: step ${clicked} → ${pausedAt} (in flight), then ${later}`);
        assert(later === pausedAt, `the counter moved from ${pausedAt} to ${later} after Pause`);
      }),
    ],
  ];
}
