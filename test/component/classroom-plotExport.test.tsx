// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setVectorLayer } from '../../src/plots/canvasLayer.ts';
import { plotToSvg } from '../../src/ui/exportPlot.ts';

/** jsdom does no layout: each element's box comes from its data-box="x y w h" attribute. */
function stubLayout() {
  return vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: Element,
  ) {
    const [x, y, w, h] = (this.getAttribute('data-box') ?? '0 0 0 0').split(' ').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return { left: x, top: y, width: w, height: h, right: x + w, bottom: y + h, x, y } as DOMRect;
  });
}

let style: HTMLStyleElement;
beforeEach(() => {
  style = document.createElement('style');
  style.textContent = `
    .plot { background-color: rgb(250, 250, 240); }
    .series { stroke: rgb(1, 2, 3); stroke-width: 2px; }
    .title { color: rgb(10, 20, 30); font-size: 14px; }
    .clip { overflow: hidden; }
  `;
  document.head.append(style);
});
afterEach(() => {
  style.remove();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

function plot(): HTMLElement {
  document.body.innerHTML = `
    <figure class="plot" data-box="100 50 400 300">
      <figcaption class="title" data-box="100 50 400 20">Loss</figcaption>
      <div role="toolbar" data-box="100 70 400 20"><button data-box="100 70 50 20">Zoom in</button></div>
      <div class="clip" data-box="140 90 300 200">
        <canvas width="600" height="400" data-box="120 80 340 240"></canvas>
      </div>
      <svg width="400" height="260" data-box="100 90 400 260" tabindex="0" role="group">
        <path class="series" d="M0,0L10,10"></path>
        <g style="display: none"><path d="M1,1"></path></g>
      </svg>
    </figure>`;
  return document.querySelector('figure')!;
}

describe('plotToSvg', () => {
  it('never writes a style attribute into the page (the CSP forbids inline styles)', () => {
    stubLayout();
    const setAttribute = vi.spyOn(Element.prototype, 'setAttribute');
    const picture = plotToSvg(plot());
    expect(setAttribute.mock.calls.filter(([name]) => name === 'style')).toEqual([]);
    expect(picture.svg).not.toMatch(/\sstyle=/);
  });

  it('rebuilds the plot at its layout with computed styles written out', () => {
    stubLayout();
    const canvas = () => 'data:image/png;base64,AAAA';
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(canvas);
    const picture = plotToSvg(plot());
    expect(picture.width).toBe(400);
    expect(picture.height).toBe(300);
    const doc = new DOMParser().parseFromString(picture.svg, 'image/svg+xml');
    const root = doc.documentElement;
    expect(root.getAttribute('viewBox')).toBe('0 0 400 300');
    // Background from the stylesheet.
    expect(root.querySelector(':scope > rect')!.getAttribute('fill')).toBe('rgb(250, 250, 240)');
    // The title as SVG text, in its colour; the toolbar button left out.
    const texts = [...root.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(['Loss']);
    expect(root.querySelector('text')!.getAttribute('fill')).toBe('rgb(10, 20, 30)');
    // The canvas embedded at its offset (120−100, 80−50), clipped to its overflow-hidden parent.
    const image = root.querySelector('image')!;
    expect([image.getAttribute('x'), image.getAttribute('y')]).toEqual(['20', '30']);
    expect(image.getAttribute('href')).toBe('data:image/png;base64,AAAA');
    const clipId = /url\(#(.+)\)/.exec(image.parentElement!.getAttribute('clip-path')!)![1]!;
    const clipRect = root.querySelector(`[id="${clipId}"] rect`)!;
    expect(['x', 'y', 'width', 'height'].map((k) => clipRect.getAttribute(k))).toEqual([
      '40',
      '40',
      '300',
      '200',
    ]);
    // The chart's SVG placed at (0, 40), its class style written as attributes, hidden parts dropped.
    const chart = root.querySelector('svg')!;
    expect([chart.getAttribute('x'), chart.getAttribute('y')]).toEqual(['0', '40']);
    expect(chart.hasAttribute('tabindex')).toBe(false);
    const series = chart.querySelector('path')!;
    expect(series.getAttribute('stroke')).toBe('rgb(1, 2, 3)');
    expect(series.getAttribute('stroke-width')).toBe('2px');
    expect(series.hasAttribute('class')).toBe(false);
    expect(chart.querySelectorAll('path')).toHaveLength(1);
  });

  it('leaves canvases out when asked, and survives a canvas it cannot read', () => {
    stubLayout();
    const container = plot();
    const without = new DOMParser().parseFromString(
      plotToSvg(container, { embedCanvases: false }).svg,
      'image/svg+xml',
    );
    expect(without.querySelector('image')).toBeNull();
    vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL').mockImplementation(() => {
      throw new DOMException('tainted', 'SecurityError');
    });
    const tainted = new DOMParser().parseFromString(plotToSvg(container).svg, 'image/svg+xml');
    expect(tainted.querySelector('image')).toBeNull();
    expect(tainted.querySelector('svg path')).not.toBeNull();
  });

  it('draws a line canvas as vector paths at its place, even without embedded canvases', () => {
    stubLayout();
    const container = plot();
    const canvas = container.querySelector('canvas')!;
    setVectorLayer(canvas, () => [
      { d: 'M0,0L5,5', color: '#fff', width: 4.5, opacity: 0.8 },
      { d: 'M0,0L5,5', color: '#0072B2', width: 2, dash: '6 3' },
    ]);
    const toDataURL = vi.spyOn(HTMLCanvasElement.prototype, 'toDataURL');
    const doc = new DOMParser().parseFromString(
      plotToSvg(container, { embedCanvases: false }).svg,
      'image/svg+xml',
    );
    expect(toDataURL).not.toHaveBeenCalled();
    expect(doc.querySelector('image')).toBeNull();
    // The canvas's box starts at (120 − 100, 80 − 50) in the picture.
    const group = doc.querySelector('g[transform="translate(20,30)"]')!;
    const paths = [...group.querySelectorAll('path')].map((p) =>
      ['d', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity'].map((k) =>
        p.getAttribute(k),
      ),
    );
    expect(paths).toEqual([
      ['M0,0L5,5', '#fff', '4.5', null, '0.8'],
      ['M0,0L5,5', '#0072B2', '2', '6 3', null],
    ]);
    // Still clipped to the canvas's overflow-hidden parent.
    expect(group.parentElement!.getAttribute('clip-path')).toMatch(/^url\(#/);
  });
});
