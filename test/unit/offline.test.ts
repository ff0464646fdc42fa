/**
 * The offline service worker precaches each file under a revision computed from its content:
 * a public file that changes but keeps its name (an example, mnist.bin) gets a new revision,
 * so returning visitors fetch it again instead of being served the old copy forever.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { getManifest } from 'workbox-build';
import { afterAll, describe, expect, it } from 'vitest';
import { PRECACHE } from '../../build/offline.ts';

const work = mkdtempSync(join(tmpdir(), 'descent-lab-offline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The precache list written into sw.js: url → revision (null when the name carries a hash). */
function precachedRevisions(sw: string): Map<string, string | null> {
  const entries = sw.matchAll(
    /\{\s*"?url"?:\s*"([^"]+)",\s*"?revision"?:\s*(?:"([0-9a-f]+)"|null)\s*\}/g,
  );
  return new Map([...entries].map((m) => [m[1]!, m[2] ?? null]));
}

async function revisionsOf(dir: string): Promise<Map<string, string | null>> {
  const { manifestEntries } = await getManifest({ globDirectory: dir, ...PRECACHE });
  return new Map((manifestEntries ?? []).map((e) => [e.url, e.revision ?? null]));
}

describe('offline service worker', () => {
  it('precaches every file with a content revision, which changes when the content does', async () => {
    const publicDir = join(work, 'public');
    const outDir = join(work, 'dist');
    cpSync('public/examples', join(publicDir, 'examples'), { recursive: true });
    await build({
      configFile: 'vite.config.ts',
      publicDir,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    const sw = readFileSync(join(outDir, 'sw.js'), 'utf8');
    const listed = precachedRevisions(sw);
    expect(listed.has('index.html')).toBe(true);
    expect([...listed.keys()].some((url) => /^assets\/worker-.*\.js$/.test(url))).toBe(true);
    const example = 'examples/adaptive-beale.json';
    const before = listed.get(example);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    // sw.js holds the revisions Workbox computes from the files' contents…
    expect((await revisionsOf(outDir)).get(example)).toBe(before);
    // …so the same name with new content gets a new revision; other files keep theirs.
    const file = join(outDir, example);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"steps"', '"seed": 99, "steps"'));
    const after = await revisionsOf(outDir);
    expect(after.get(example)).toMatch(/^[0-9a-f]{32}$/);
    expect(after.get(example)).not.toBe(before);
    expect(after.get('examples/rosenbrock-momentum.json')).toBe(
      listed.get('examples/rosenbrock-momentum.json'),
    );
  }, 180_000);
});
