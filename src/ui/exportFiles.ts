/**
 * Saving files from the page: a Blob offered as a download through a temporary link (works
 * under the strict CSP: object URLs are same-origin and nothing is evaluated), and file names
 * that say what and when.
 */

/** A file name from a title and an extension: "Ravine: SGD vs momentum" → "descent-lab-ravine-sgd-vs-momentum-2025-06-01.csv". */
export function exportFileName(title: string, extension: string, date: Date = new Date()): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return `descent-lab${slug ? `-${slug}` : ''}-${day}.${extension}`;
}

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers `text` as a UTF-8 download. */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  downloadBlob(new Blob([text], { type: `${mimeType};charset=utf-8` }), fileName);
}
