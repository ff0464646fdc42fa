import { describe, expect, it } from 'vitest';
import { lineFormula } from '../../src/ui/batch/DataScatter.tsx';

describe('lineFormula', () => {
  it('writes signs with a true minus and never "+ -"', () => {
    expect(lineFormula(2, -1)).toBe('2·x − 1');
    expect(lineFormula(-2, 3)).toBe('−2·x + 3');
    expect(lineFormula(0.5, 0)).toBe('0.5·x');
  });
});
