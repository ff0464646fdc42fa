/**
 * The app's one number formatter (src/core/numbers.ts), with expectations written out by hand:
 * compact at every magnitude, −0 as 0, non-finite values named, the same digits in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { formatNumber, formatReadout, formatTick, formatTicks } from '../../src/core/numbers.ts';
import { chartScale } from '../../src/plots/scales.ts';
import { translate } from '../../src/i18n/translate.ts';

describe('formatNumber', () => {
  it('writes the extremes of float64 in a few characters, not hundreds of digits', () => {
    expect(formatNumber(1e308)).toBe('1e308');
    expect(formatNumber(Number.MAX_VALUE)).toBe('1.798e308'); // 1.7976931…e308 to 4 digits
    expect(formatNumber(-1e308, 'precise')).toBe('-1e308');
    // The smallest subnormal, 4.9406564584124654e-324 (JavaScript prints it as "5e-324").
    expect(formatNumber(5e-324)).toBe('4.941e-324');
    expect(formatNumber(1e308, 'integer')).toBe('1e308'); // an integer too, but not grouped
    expect(formatNumber(1e308, 'tick')).toBe('1e308');
  });

  it('prints −0 as 0 and names the non-finite values', () => {
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0, 'integer')).toBe('0');
    expect(formatNumber(-0, 'tick')).toBe('0');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(Infinity, 'precise')).toBe('∞');
    expect(formatNumber(-Infinity, 'integer')).toBe('−∞');
    expect(formatNumber(NaN, 'percent')).toBe('NaN');
  });

  it('value: 4 significant digits, plain in [1e-4, 1e6)', () => {
    expect(formatNumber(3.14159265)).toBe('3.142');
    expect(formatNumber(0.00012346)).toBe('0.0001235');
    expect(formatNumber(0.000099)).toBe('9.9e-5');
    expect(formatNumber(12345.6)).toBe('12346'); // more whole digits than 4: the whole number
    expect(formatNumber(999999.7)).toBe('1e6'); // rounds up to the exponent range
    expect(formatNumber(2.5e6)).toBe('2.5e6');
  });

  it('precise (readouts): 6 significant digits, whole numbers in full', () => {
    expect(formatReadout(0.123456789)).toBe('0.123457');
    expect(formatReadout(123456.7)).toBe('123457');
    expect(formatReadout(999999.7)).toBe('1e6');
    expect(formatReadout(42)).toBe('42');
    expect(formatReadout(1.5e-7)).toBe('1.5e-7');
    expect(formatReadout(-2.25)).toBe('-2.25');
  });

  it('tick: 3 significant digits, plain in [1e-3, 1e5)', () => {
    expect(formatTick(0.001)).toBe('0.001');
    expect(formatTick(1e-4)).toBe('1e-4');
    expect(formatTick(250000)).toBe('2.5e5');
    expect(formatTick(12.5)).toBe('12.5');
    expect(formatTick(2416.7)).toBe('2417');
    expect(formatTick(-0.0159)).toBe('-0.0159');
  });

  it('tick labels of one axis get the digits that tell them apart', () => {
    expect(formatTicks([100, 100.25, 100.5])).toEqual(['100', '100.25', '100.5']);
    expect(formatTicks([0, 0.5, 1])).toEqual(['0', '0.5', '1']);
    // A linear axis over [1e307, 1e308]: nine-digit-free labels.
    const labels = chartScale('linear', [0, 1e308], [0, 500])
      .ticks(5)
      .map((t) => t.label);
    expect(labels).toEqual(['0', '2e307', '4e307', '6e307', '8e307', '1e308']);
  });

  it('integer: grouped whole numbers up to 1e15, then the exponent form', () => {
    expect(formatNumber(1234567, 'integer')).toBe('1,234,567');
    expect(formatNumber(10_000_000, 'integer', 'zh-CN')).toBe('10,000,000');
    expect(formatNumber(2 ** 53, 'integer')).toBe('9.0072e15'); // 9007199254740992, 6 digits
  });

  it('percent, and the same digits in Chinese as in English', () => {
    expect(formatNumber(0.953, 'percent')).toBe('95.3%');
    for (const style of ['value', 'precise', 'tick', 'integer', 'percent'] as const) {
      for (const v of [0.5, 1234.5678, 1e-9, 6.02e23]) {
        expect(formatNumber(v, style, 'zh-CN')).toBe(formatNumber(v, style, 'en'));
      }
    }
  });
});

describe('numbers in messages', () => {
  it('a learning rate of 1e308 reads "1e308" in every language', () => {
    const lr = 1e308;
    expect(
      translate('en', 'reason.becameWithLr', { what: 'loss', value: 'NaN', step: 3, lr }),
    ).toBe('loss became NaN at step 3 with η = 1e308');
    expect(
      translate('zh-CN', 'reason.becameWithLr', { what: '损失', value: 'NaN', step: 3, lr }),
    ).toContain('η = 1e308');
  });
});
