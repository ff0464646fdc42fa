/** Every formula error the parser can raise is worded in both languages, with its values. */
import { describe, expect, it } from 'vitest';
import { parseFormula } from '../../src/core/expression/index.ts';
import { FormulaError, type FormulaErrorCode } from '../../src/core/expression/formulaError.ts';
import { formulaErrorText } from '../../src/i18n/domain.ts';
import { translator } from '../../src/i18n/translate.ts';

/** One formula per error code, with what the message must name. */
const CASES: ReadonlyArray<[string, FormulaErrorCode, readonly string[]]> = [
  ['x'.repeat(1001), 'tooLong', ['1,000', '1,001']],
  ['   ', 'empty', []],
  ['('.repeat(101) + 'x' + ')'.repeat(101), 'tooDeep', ['100']],
  ['x +', 'endsEarly', ['3']],
  ['x + * y', 'expectedOperand', ['4', '*']],
  ['sin + x', 'functionNeedsCall', ['sin', '0']],
  ['x + z', 'unknownName', ['z', '4']],
  ['X + y', 'lowerCaseName', ['X', 'x']],
  ['x(2)', 'notAFunction', ['x']],
  ['ln(x)', 'unknownFunction', ['ln']],
  ['min(x)', 'argumentCount', ['min', '2', '1']],
  ['(x + y', 'expectedClose', ['6', '0']],
  ['x + y)', 'unexpectedClose', ['5']],
  ['x, y', 'unexpectedComma', ['1']],
  ['2 x', 'missingOperator', ['2', 'x']],
  ['x $ y', 'unexpectedCharacter', ['$']],
  ['1.2.3', 'malformedNumber', ['1.2.3']],
  ['1e999', 'numberTooLarge', ['1e999']],
];

function errorOf(formula: string): FormulaError {
  try {
    parseFormula(formula);
  } catch (error) {
    if (error instanceof FormulaError) return error;
    throw error;
  }
  throw new Error(`'${formula.slice(0, 20)}' parsed`);
}

describe('formula errors in the UI language', () => {
  const en = translator('en');
  const zh = translator('zh-CN');

  it.each(CASES)('%s → %s', (formula, code, named) => {
    const error = errorOf(formula);
    expect(error.code).toBe(code);
    const english = formulaErrorText(error, en);
    const chinese = formulaErrorText(error, zh);
    for (const text of [english, chinese]) {
      expect(text).not.toMatch(/[{}]/); // every placeholder filled
      for (const part of named) expect(text).toContain(part);
    }
    expect(chinese).not.toBe(english);
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);
  });

  it('the English wording is the parser’s own where they share a template', () => {
    for (const formula of ['x + z', '2 x', 'x $ y', '1e999', 'x + y)']) {
      const error = errorOf(formula);
      expect(formulaErrorText(error, en)).toBe(error.message);
    }
  });
});
