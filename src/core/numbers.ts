/**
 * The one number formatter of the app: chart ticks, hover readouts, tables, the theory panel,
 * messages and the command line's human output all print numbers through `formatNumber`, so
 * the same value reads the same everywhere.
 *
 * Compact at every magnitude: outside a style's plain range a number is written as mantissa
 * and exponent ("1e308", "4.941e-324", "-1.5e-7"), never as hundreds of digits. −0 prints as "0";
 * NaN, +∞ and −∞ as "NaN", "∞" and "−∞". The languages the app speaks (English, Simplified
 * Chinese) write numbers alike — Western digits, "." and "," — so the locale only chooses the
 * grouping of whole numbers and the percent sign, through Intl.
 */

/** How a number is shown. */
export type NumberStyle =
  /** Loss, gradient, coordinates in text: 4 significant digits. */
  | 'value'
  /** Readouts and hyperparameters: up to 6 significant digits (1234.56, 0.000125). */
  | 'precise'
  /** Axis tick labels: 3 significant digits, short. */
  | 'tick'
  /** Counts and steps: a whole number with the locale's grouping (1,234,567). */
  | 'integer'
  /** A fraction in [0, 1] as a percentage with one decimal (0.953 → 95.3%). */
  | 'percent';

/** A style's significant digits and the magnitudes [small, large) it writes without exponent. */
interface Plain {
  readonly digits: number;
  readonly small: number;
  readonly large: number;
}

const PLAIN: { readonly [S in Exclude<NumberStyle, 'percent'>]: Plain } = {
  value: { digits: 4, small: 1e-4, large: 1e6 },
  precise: { digits: 6, small: 1e-4, large: 1e6 },
  tick: { digits: 3, small: 1e-3, large: 1e5 },
  // Whole numbers up to 2^53 are exact; past 1e15 grouping would print noise digits.
  integer: { digits: 6, small: 0, large: 1e15 },
};

const groupers = new Map<string, Intl.NumberFormat>();

function intl(locale: string, options: Intl.NumberFormatOptions, key: string): Intl.NumberFormat {
  const id = `${locale}|${key}`;
  let f = groupers.get(id);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    groupers.set(id, f);
  }
  return f;
}

/**
 * `value` as text in `style` (default "value") for `locale` (a BCP 47 tag, default "en").
 * Examples: 1e308 → "1e308"; 5e-324 → "4.941e-324"; −0 → "0"; 0.000123456 → "0.0001235" (value);
 * 1234567 → "1,234,567" (integer); 0.953 → "95.3%" (percent).
 */
export function formatNumber(
  value: number,
  style: NumberStyle = 'value',
  locale: string = 'en',
): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '−∞';
  if (style === 'percent') {
    return intl(
      locale,
      { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 },
      'percent',
    ).format(value);
  }
  if (value === 0) return '0'; // −0 too
  const magnitude = Math.abs(value);
  if (style === 'integer' && magnitude < PLAIN.integer.large) {
    return intl(locale, { maximumFractionDigits: 0 }, 'integer').format(value);
  }
  return plainOrExponential(value, PLAIN[style]);
}

/** A finite, non-zero `value` in plain form inside [small, large), with an exponent outside. */
function plainOrExponential(value: number, { digits, small, large }: Plain): string {
  const magnitude = Math.abs(value);
  if (magnitude >= large || magnitude < small) return exponential(value, digits);
  // Numbers with more whole digits than significant ones print as whole numbers (2416, not
  // 2.42e3): the plain range is the promise.
  if (Number.isInteger(value)) return String(value);
  if (magnitude >= 10 ** digits) {
    const whole = Math.round(value);
    return Math.abs(whole) >= large ? exponential(value, digits) : String(whole);
  }
  const plain = value.toPrecision(digits);
  // toPrecision itself switches to an exponent when rounding reaches 10^digits (999999.7).
  return plain.includes('e') ? exponential(value, digits) : trimZeros(plain);
}

/** `value` with `digits` significant digits as mantissa and plain exponent: "1.5e-7", "1e308". */
function exponential(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e') as [string, string];
  return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A hover readout, table cell or hyperparameter: `formatNumber(value, 'precise')`. */
export function formatReadout(value: number): string {
  return formatNumber(value, 'precise');
}

/** An axis tick label: `formatNumber(value, 'tick')`. */
export function formatTick(value: number): string {
  return formatNumber(value, 'tick');
}

/**
 * Labels for the ticks of one axis: the tick style, with more significant digits where a tick
 * (a round value) needs them to be read back exactly — 100.25 is "100.25", not "100".
 */
export function formatTicks(values: readonly number[]): string[] {
  const { small, large } = PLAIN.tick;
  return values.map((v) => {
    if (!Number.isFinite(v) || v === 0) return formatTick(v);
    let label = '';
    for (let digits = PLAIN.tick.digits; digits <= 17; digits++) {
      label = plainOrExponential(v, { digits, small, large });
      if (Math.abs(Number(label) - v) <= 1e-9 * Math.abs(v)) break;
    }
    return label;
  });
}
