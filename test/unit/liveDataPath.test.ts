/**
 * One live-data path (issue 11 §3): worker frames reach the screen only through the lab store
 * (zustand) and its paced counts, read with selectors, plus the draw queue for canvas. The
 * home-made publish/subscribe and throttle mechanisms it replaced must not come back.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The mechanisms the one path replaced (issue 11 §3 names them). */
const RETIRED = [
  'LiveRuns',
  'CnnLive',
  'createLiveSource',
  'subscribeLive',
  'subscribeBoth',
  'subscribeCnn',
  'subscribeCurves',
  'TileTurns',
  'useCnnValue',
  'scheduleNotify',
];

describe('one live-data path', () => {
  const files = sourceFiles(SRC).map((path) => ({
    name: relative(SRC, path),
    text: readFileSync(path, 'utf8'),
  }));

  it.each(RETIRED)('no %s in src/', (name) => {
    const pattern = new RegExp(`\\b${name}\\b`);
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.name)).toEqual([]);
  });

  it('the store and its histories keep no listeners of their own: zustand notifies', () => {
    const store = files.filter(
      (f) => f.name.startsWith('store/') && f.name !== 'store/datasetLoader.ts',
    );
    const own = /\blisteners\b|\bnotify\(|subscribe\(listener/;
    expect(store.filter((f) => own.test(f.text)).map((f) => f.name)).toEqual([]);
  });
});
