/**
 * The production build, built once for every check here (a build takes most of this file's
 * time): the offline service worker precaches every file of the build under a revision computed
 * from its content, and the first screen's JavaScript stays within its budget.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { build } from 'vite';
import { getManifest } from 'workbox-build';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_BUDGET_BYTES, firstScreenScripts } from '../../build/firstScreen.ts';
import { PRECACHE } from '../../build/offline.ts';

const work = mkdtempSync(join(tmpdir(), 'descent-lab-build-'));
const outDir = join(work, 'dist');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  // A copy of public/, so a test may change a file of the build without touching the repo's.
  const publicDir = join(work, 'public');
  cpSync('public', publicDir, { recursive: true });
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      publicDir,
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 180_000);

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

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll('\\', '/'));
}

describe('offline service worker', () => {
  it('precaches every file of the build: each chunk, the workers, the wasm, the MNIST data', () => {
    const listed = precachedRevisions(readFileSync(join(outDir, 'sw.js'), 'utf8'));
    // Only the service worker and the Workbox runtime it imports are not in its own cache.
    const files = filesUnder(outDir).filter((f) => f !== 'sw.js' && !/^workbox-.*\.js$/.test(f));
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
    // The files a visit may need later, named one by one (a glob that missed a kind would show).
    const assets = files.filter((f) => f.startsWith('assets/'));
    for (const pattern of [
      /^assets\/worker-.*\.js$/, // the training worker
      /^assets\/cnn-.*\.wasm$/, // the WebAssembly engine
      /^assets\/CnnLabPage-.*\.js$/, // the lazily loaded CNN lab
      /^assets\/LessonPlayer-.*\.js$/, // the lessons
      /^assets\/SavedExperimentsPanel-.*\.js$/, // a classroom panel
      /^assets\/zhCN-.*\.js$/, // the Chinese catalogue
    ])
      expect(assets.some((f) => pattern.test(f) && listed.has(f))).toBe(true);
    expect(listed.has('data/mnist.bin')).toBe(true);
    expect(listed.has('index.html')).toBe(true);
  });

  it('precaches each file with a content revision, which changes when the content does', async () => {
    const listed = precachedRevisions(readFileSync(join(outDir, 'sw.js'), 'utf8'));
    const example = 'examples/adaptive-beale.json';
    const before = listed.get(example);
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    // sw.js holds the revisions Workbox computes from the files' contents…
    expect((await revisionsOf(outDir)).get(example)).toBe(before);
    // …so the same name with new content gets a new revision; other files keep theirs.
    const file = join(outDir, example);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('"steps"', '"seed": 99, "steps"'));
    try {
      const after = await revisionsOf(outDir);
      expect(after.get(example)).toMatch(/^[0-9a-f]{32}$/);
      expect(after.get(example)).not.toBe(before);
      expect(after.get('examples/rosenbrock-momentum.json')).toBe(
        listed.get('examples/rosenbrock-momentum.json'),
      );
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('first screen', () => {
  it('loads none of the parts fetched on first use', () => {
    const files = firstScreenScripts(outDir).map((s) => s.file);
    expect(files.some((f) => /^assets\/index-.*\.js$/.test(f))).toBe(true);
    for (const lazy of [/CnnLabPage/, /BatchLabPage/, /LessonPlayer/, /LessonCatalog/, /zhCN/])
      expect(files.filter((f) => lazy.test(f))).toEqual([]);
  });

  it(`carries at most ${FIRST_SCREEN_BUDGET_BYTES / 1024} kB of gzipped JavaScript`, () => {
    const scripts = firstScreenScripts(outDir);
    const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    console.log(
      `first screen: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} kB gzipped ` +
        `(${(scripts.reduce((sum, s) => sum + s.bytes, 0) / 1024).toFixed(1)} kB raw)`,
    );
    expect(total).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET_BYTES);
  });
});
