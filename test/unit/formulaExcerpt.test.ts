/** The formula editor echoes a short excerpt around an error, never a huge paste whole. */
import { describe, expect, it } from 'vitest';
import { formulaExcerpt } from '../../src/ui/explorer/FormulaEditor.tsx';

describe('formulaExcerpt', () => {
  it('keeps a short formula whole, with the span marked', () => {
    // 'x^2 + z': z is index 6.
    expect(formulaExcerpt('x^2 + z', 6, 7)).toEqual({ before: 'x^2 + ', marked: 'z', after: '' });
  });

  it('cuts long text on both sides of the span and says so with "…"', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz'; // span 'm' at index 12
    expect(formulaExcerpt(text, 12, 13, 3)).toEqual({
      before: '…jkl',
      marked: 'm',
      after: 'nop…',
    });
  });

  it('shortens a long span itself, keeping the text after it', () => {
    // Span [2, 20) of 26 letters with 4 characters of context: 'cdef…', then 'uvwx…'.
    expect(formulaExcerpt('abcdefghijklmnopqrstuvwxyz', 2, 20, 4)).toEqual({
      before: 'ab',
      marked: 'cdef…',
      after: 'uvwx…',
    });
  });

  it('marks a point (an empty span) at the end of the text', () => {
    expect(formulaExcerpt('x^2 + (', 7, 7, 3)).toEqual({ before: '…+ (', marked: '', after: '' });
  });

  it('never splits a surrogate pair at a cut', () => {
    // '😀' is two UTF-16 units at index 2–3; a cut at index 3 moves back to 2.
    const { before } = formulaExcerpt('ab😀cdefgh', 6, 7, 3);
    expect(before).toBe('…😀cd');
  });
});
