import { launchBrowser, openPage, startPreview, longTasks } from './harness.mjs';
const server = await startPreview();
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser.context, server.url);
  const f = page.getByRole('spinbutton', { name: 'Step budget', exact: true });
  await f.fill('1000000');
  await f.press('Enter');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Add run' }).click();
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const before = (await longTasks(page)).length;
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,v8,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(4000);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Tracing.end');
  await done;
  console.log('events', events.length);
  const main = events
    .filter((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`);
  console.log(main);
  const agg = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !main.includes(`${e.pid}:${e.tid}`)) continue;
    agg.set(e.name, agg.get(e.name) ?? [0, 0]);
    const a = agg.get(e.name);
    a[0] += e.dur / 1000;
    a[1]++;
  }
  console.log(
    [...agg]
      .sort((a, b) => b[1][0] - a[1][0])
      .slice(0, 25)
      .map(([k, [t, n]]) => `${t.toFixed(0)}ms x${n} ${k}`)
      .join('\n'),
  );
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((s, i) => {
    const n = byId.get(s);
    const k = `${n.callFrame.functionName} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
    self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log(
    [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, t]) => `${(t / 1000).toFixed(0)}ms ${k}`)
      .join('\n'),
  );
  console.log(
    'long',
    (await longTasks(page))
      .slice(before)
      .map((d) => d.toFixed(0))
      .join(','),
  );
  await page.screenshot({ path: '/tmp/six.png' });
} finally {
  await browser.close();
  server.stop();
}
