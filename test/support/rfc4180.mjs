/**
 * A strict CSV reader written from RFC 4180 alone (plain JavaScript, shared with the browser tests), to read back what the app and the CLI write
 * without trusting their writer. Fields are separated by commas and records by CRLF or LF
 * (the app writes LF; the RFC's CRLF is accepted too); a field holding a comma, a quote or a
 * line break must be quoted, with quotes doubled inside. Anything else is refused with the
 * offset: a quote inside an unquoted field, text after a closing quote, a bare CR outside
 * quotes, an unterminated quoted field.
 */
/**
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let record = [];
  let i = 0;
  /** @param {string} what */
  const fail = (what) => {
    throw new Error(`CSV: ${what} at offset ${i}`);
  };
  if (text === '') return records;
  for (;;) {
    // One field, starting at i.
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += c;
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') fail('quote in an unquoted field');
        field += text[i];
        i++;
      }
    }
    record.push(field);
    // What ends the field: a comma, a line end, or the end of the text.
    if (i >= text.length) {
      records.push(record);
      return records;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      continue;
    }
    if (c === '\r') {
      if (text[i + 1] !== '\n') fail('bare CR outside quotes');
      i++;
    }
    if (text[i] !== '\n') fail('text after a closing quote');
    i++;
    records.push(record);
    record = [];
    if (i >= text.length) return records; // the last record's line end
  }
}
