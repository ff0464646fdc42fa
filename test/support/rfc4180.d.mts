/** Types of rfc4180.mjs (plain JavaScript, shared with the browser tests). */

/** The records of an RFC 4180 CSV text (CRLF or LF line ends); throws on anything the RFC forbids. */
export function parseCsv(text: string): string[][];
