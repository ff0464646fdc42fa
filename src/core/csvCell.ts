/**
 * One CSV cell, safe to open in a spreadsheet. Numbers and booleans are written as they are
 * (numbers in their shortest round-trip form, -0 included); text that a spreadsheet would run
 * as a formula (starting with = + - @, a tab or a carriage return — the OWASP "CSV injection"
 * rule) gets a leading apostrophe, and text holding a quote, comma, line feed or carriage
 * return is quoted (RFC 4180).
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\n\r]/;

export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return Object.is(value, -0) ? '-0' : String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
