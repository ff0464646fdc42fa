// @vitest-environment jsdom
/**
 * A plot exported as SVG and read back by an independent reader (the DOM's XML parser), with
 * hostile labels: every label comes back as text, except the characters XML cannot hold at
 * all, which come back as U+FFFD; the picture never becomes an unreadable file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { plotToSvg } from '../../src/ui/exportPlot.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

/** Exports a plot whose SVG text says `label`, parses the file and returns that text. */
function roundTrip(label: string): string {
  document.body.innerHTML = '<figure><svg><text></text></svg></figure>';
  document.querySelector('svg text')!.textContent = label;
  const { svg } = plotToSvg(document.querySelector('figure')!);
  const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
  expect(parsed.getElementsByTagName('parsererror'), JSON.stringify(label)).toHaveLength(0);
  expect(parsed.documentElement.localName).toBe('svg');
  const texts = parsed.getElementsByTagName('text');
  expect(texts).toHaveLength(1);
  return texts[0]!.textContent ?? '';
}

describe('an exported SVG read back', () => {
  it.each([
    ['commas and quotes', 'a,b "quoted" \'single\''],
    ['markup', '<script>alert(1)</script> &amp; ]]> <!-- x -->'],
    ['line ends and tabs', 'one\r\ntwo\rthree\nfour\tfive'],
    ['formula prefixes', '=1+1 +x -y @z'],
    ['a surrogate pair', 'emoji 😀'],
  ])('keeps %s exactly', (_name, label) => {
    expect(roundTrip(label)).toBe(label);
  });

  it('keeps a 1 MB label whole', () => {
    const label = 'x,"'.repeat(350_000);
    expect(roundTrip(label)).toBe(label);
  });

  it('turns what XML cannot hold into U+FFFD instead of a broken file', () => {
    // C0 controls other than tab and line ends, U+FFFE, U+FFFF and lone surrogates are not
    // characters of XML 1.0 (§2.2), escaped or not.
    const label = 'a\u0000b\u0001c\u001fd\ufffee\uffff f\ud800g\udc00h';
    expect(roundTrip(label)).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffd f\ufffdg\ufffdh');
  });
});
