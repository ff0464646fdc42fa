/**
 * Plots stay built from small layers (issue #11): no file in src/plots is 300 lines or more,
 * so a new layer gets a file of its own rather than growing the map.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PLOTS = join(import.meta.dirname, '../../src/plots');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('src/plots', () => {
  it('has no file of 300 lines or more', () => {
    const files = filesUnder(PLOTS).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(10);
    const long = files
      .map((f) => ({
        file: f.slice(PLOTS.length + 1),
        lines: readFileSync(f, 'utf8').split('\n').length,
      }))
      .filter((f) => f.lines >= 300);
    expect(long).toEqual([]);
  });
});
