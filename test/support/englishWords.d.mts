/** Types of englishWords.mjs (plain JavaScript, shared with the browser tests). */

/** A Latin token a Chinese page rightly shows, and why. */
export interface AllowedToken {
  readonly token: string | RegExp;
  readonly reason: string;
}

export const ALLOWED: readonly AllowedToken[];

/** The English words left in `text` once the run `labels` and ALLOWED tokens are removed. */
export function englishWords(text: string, labels: readonly string[]): string[];

/** A text a reader meets on the page and where it was found. */
export interface PageText {
  readonly where: string;
  readonly text: string;
}

/** Every text a reader meets on the page (text nodes and accessible attributes). */
export function pageTexts(): PageText[];
