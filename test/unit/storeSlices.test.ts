/**
 * The lab store is built from real zustand slices (issue 11 §3): each slice file exports a
 * `StateCreator<LabState, [], [], XSlice>` written against the state declared in labState.ts,
 * and imports neither the store that composes it nor, through the state, the other slices.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative module specifiers of `import … from` and `export … from`. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
}

const STORE = resolve(__dirname, '../../src/store');
const read = (name: string) => readFileSync(resolve(STORE, name), 'utf8');
const slices = readdirSync(STORE).filter((name) => /Slice\.ts$/.test(name));

describe('lab store slices', () => {
  it('has the five slices', () => {
    expect(slices.sort()).toEqual([
      'cnnSlice.ts',
      'experimentSlice.ts',
      'liveSlice.ts',
      'playbackSlice.ts',
      'runsSlice.ts',
    ]);
  });

  it.each(slices)('%s is a StateCreator over LabState and does not import the store', (name) => {
    const text = read(name);
    expect(text).toMatch(/StateCreator<LabState, \[\], \[\], \w+Slice>/);
    expect(importsOf(text)).not.toContain('./labStore.ts');
  });

  it('the state type imports no slice and not the store', () => {
    const imports = importsOf(read('labState.ts'));
    expect(imports.filter((i) => /Slice\.ts$|labStore\.ts$/.test(i))).toEqual([]);
  });

  it('the store composes every slice', () => {
    const imports = importsOf(read('labStore.ts'));
    for (const name of slices) expect(imports).toContain(`./${name}`);
  });
});
