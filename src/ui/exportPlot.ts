/**
 * A plot as a picture for slides: SVG (vector; raster canvases such as heatmaps embedded as PNG
 * images) or PNG (raster canvases drawn directly, the vector layer on top, at 2× or the
 * screen's pixel ratio). Canvases that only hold lines (trajectories, chart series) register
 * their strokes as a vector layer and are exported as vectors in both.
 *
 * A plot is a small tree of DOM: canvases for dense fields, SVG for marks, and some HTML text
 * (title, legend). The export rebuilds that tree as one standalone SVG at the same layout,
 * with every computed style the picture depends on written out as presentation attributes —
 * without them, classes and `currentColor` from the page's stylesheet would be lost outside
 * the page. The SVG is written as text, so nothing touches the page's DOM (or its CSP).
 */

import { vectorLayerOf, type VectorStroke } from '../plots/canvasLayer.ts';
import { flushLiveDraws } from '../plots/hooks.ts';
import { SVG_NS } from '../plots/svg.ts';

const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** SVG presentation properties copied from the computed style onto each exported element. */
const SVG_PROPERTIES = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
] as const;

/** Elements left out of pictures: controls, toolbars, hover readouts, and anything marked `data-export-skip`. */
const SKIPPED =
  'button, select, input, textarea, [role="toolbar"], .dl-plot-readout, [data-export-skip]';

export interface PlotPicture {
  /** A standalone SVG document. */
  readonly svg: string;
  /** Size in CSS pixels. */
  readonly width: number;
  readonly height: number;
}

export interface PlotSvgOptions {
  /** Embed canvases as PNG images (default true; the PNG export draws them itself). */
  readonly embedCanvases?: boolean;
  /** Background colour; default the first opaque background up the tree, else white. */
  readonly background?: string;
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function boxIn(element: Element, origin: DOMRect): Box {
  const r = element.getBoundingClientRect();
  return { x: r.left - origin.left, y: r.top - origin.top, width: r.width, height: r.height };
}

function isTransparent(color: string): boolean {
  return color === '' || color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color);
}

/** The first non-transparent background colour from `element` up to the document. */
export function backgroundOf(element: Element): string {
  for (let e: Element | null = element; e; e = e.parentElement) {
    const color = getComputedStyle(e).backgroundColor;
    if (!isTransparent(color)) return color;
  }
  return '#ffffff';
}

function hidden(element: Element): boolean {
  const style = getComputedStyle(element);
  return style.display === 'none' || style.visibility === 'hidden';
}

/**
 * Characters XML 1.0 cannot hold even as references (§2.2): C0 controls other than tab and
 * line ends, U+FFFE, U+FFFF and lone surrogates. A label may contain them; the file must not.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as XML character data or attribute value: markup characters, tabs and line ends as
 * references (a parser would otherwise normalise \r and, in attributes, all three), and what
 * XML cannot hold as U+FFFD.
 */
function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[<>&"'\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

/** Attributes of the page's elements that mean nothing in a picture. */
function droppedAttribute(name: string): boolean {
  return (
    name === 'style' ||
    name === 'class' ||
    name === 'tabindex' ||
    name === 'role' ||
    name === 'focusable' ||
    name.startsWith('aria-') ||
    name.startsWith('data-') ||
    name.startsWith('on')
  );
}

/**
 * An SVG element and its subtree as XML text, each element's computed presentation styles
 * written as presentation attributes. The picture is built as text, never as DOM: writing
 * `style` attributes into the page would break its Content-Security-Policy (no inline styles).
 */
function svgMarkup(
  element: Element,
  override: Readonly<Record<string, string | number>> = {},
): string {
  const style = getComputedStyle(element);
  if (style.display === 'none') return '';
  const values: Record<string, string | number> = {};
  for (const attribute of element.attributes)
    if (!droppedAttribute(attribute.name)) values[attribute.name] = attribute.value;
  for (const property of SVG_PROPERTIES) {
    const value = style.getPropertyValue(property);
    if (value) values[property] = value;
  }
  Object.assign(values, override);
  const name = element.localName;
  let children = '';
  for (const node of element.childNodes) {
    if (node.nodeType === 3) children += escapeXml(node.textContent ?? '');
    else if (node.nodeType === 1) children += svgMarkup(node as Element);
  }
  return `<${name}${attributes(values)}>${children}</${name}>`;
}

/** The clip box of an element: its nearest ancestor (inside `root`) that hides overflow. */
function clipBox(element: Element, root: Element, origin: DOMRect): Box | null {
  for (let e = element.parentElement; e && e !== root; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflow;
    if (overflow === 'hidden' || overflow === 'clip') return boxIn(e, origin);
  }
  return null;
}

/** Own text of an HTML element (its text nodes, not its children's). */
function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === 3) text += node.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** One line of HTML text (a title, a legend entry) as SVG text at the same place. */
function textMarkup(element: Element, origin: DOMRect, text: string): string {
  const style = getComputedStyle(element);
  const box = boxIn(element, origin);
  const fontSize = parseFloat(style.fontSize) || 12;
  const align = style.textAlign;
  const anchor =
    align === 'center' ? 'middle' : align === 'right' || align === 'end' ? 'end' : 'start';
  const paddingLeft = parseFloat(style.paddingLeft) || 0;
  const x =
    anchor === 'middle'
      ? box.x + box.width / 2
      : anchor === 'end'
        ? box.x + box.width
        : box.x + paddingLeft;
  return `<text${attributes({
    x,
    // The baseline of one line of text centred in its box, ~0.35 em below the middle.
    y: box.y + box.height / 2 + fontSize * 0.35,
    'text-anchor': anchor,
    fill: style.color || '#000',
    'font-family': style.fontFamily || 'sans-serif',
    'font-size': `${fontSize}px`,
    'font-weight': style.fontWeight || 'normal',
  })}>${escapeXml(text)}</text>`;
}

let clipCounter = 0;

/** Rebuilds the plot inside `container` as one standalone SVG at the same layout. */
export function plotToSvg(container: Element, options: PlotSvgOptions = {}): PlotPicture {
  const { embedCanvases = true } = options;
  // A plot scrolled out of view holds back live data; the picture shows the newest.
  flushLiveDraws(container);
  const origin = container.getBoundingClientRect();
  const width = Math.ceil(origin.width);
  const height = Math.ceil(origin.height);
  const defs: string[] = [];
  const body: string[] = [];
  const background = options.background ?? backgroundOf(container);
  if (!isTransparent(background))
    body.push(`<rect${attributes({ width: '100%', height: '100%', fill: background })}/>`);

  const clipped = (element: Element, markup: string): string => {
    const clip = clipBox(element, container, origin);
    if (!clip) return markup;
    const id = `dl-export-clip-${++clipCounter}`;
    defs.push(`<clipPath id="${id}"><rect${attributes({ ...clip })}/></clipPath>`);
    return `<g clip-path="url(#${id})">${markup}</g>`;
  };

  const addVectorLayer = (canvas: HTMLCanvasElement, strokes: readonly VectorStroke[]): void => {
    const { x, y } = boxIn(canvas, origin);
    const paths = strokes
      .filter((stroke) => stroke.d !== '')
      .map(
        (stroke) =>
          `<path${attributes({
            d: stroke.d,
            fill: 'none',
            stroke: stroke.color,
            'stroke-width': stroke.width,
            'stroke-linejoin': 'round',
            ...(stroke.dash ? { 'stroke-dasharray': stroke.dash } : {}),
            ...(stroke.opacity !== undefined ? { 'stroke-opacity': stroke.opacity } : {}),
          })}/>`,
      )
      .join('');
    body.push(clipped(canvas, `<g transform="translate(${x},${y})">${paths}</g>`));
  };

  const addCanvas = (canvas: HTMLCanvasElement): void => {
    let href: string;
    try {
      href = canvas.toDataURL('image/png');
    } catch {
      return; // A tainted canvas cannot be read; the rest of the picture still exports.
    }
    if (!href || !href.startsWith('data:image/png')) return;
    const image = `<image${attributes({
      ...boxIn(canvas, origin),
      href,
      // Older editors (and some slide software) only read the SVG 1.1 spelling.
      'xlink:href': href,
      preserveAspectRatio: 'none',
    })}/>`;
    body.push(clipped(canvas, image));
  };

  const addSvg = (source: SVGSVGElement): void => {
    const box = boxIn(source, origin);
    body.push(
      clipped(
        source,
        svgMarkup(source, {
          x: box.x,
          y: box.y,
          width: box.width,
          height: box.height,
          overflow: 'visible',
        }),
      ),
    );
  };

  const visit = (element: Element): void => {
    if (element !== container && (element.matches(SKIPPED) || hidden(element))) return;
    if (element instanceof HTMLCanvasElement) {
      const strokes = vectorLayerOf(element);
      if (strokes) addVectorLayer(element, strokes);
      else if (embedCanvases) addCanvas(element);
      return;
    }
    if (element.namespaceURI === SVG_NS && element.localName === 'svg') {
      addSvg(element as SVGSVGElement);
      return;
    }
    const text = ownText(element);
    if (text) body.push(textMarkup(element, origin, text));
    for (const child of element.children) visit(child);
  };
  visit(container);

  const root = attributes({
    xmlns: SVG_NS,
    'xmlns:xlink': XLINK_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
  });
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg${root}><defs>${defs.join('')}</defs>${body.join('')}</svg>\n`;
  return { svg, width, height };
}

/** Why a picture could not be made; `reason` names the message the UI words it with. */
export class PlotExportError extends Error {
  constructor(
    readonly reason: 'export.error.vectorLayer' | 'export.error.noCanvas' | 'export.error.png',
    message: string,
  ) {
    super(message);
    this.name = 'PlotExportError';
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () =>
      reject(
        new PlotExportError(
          'export.error.vectorLayer',
          'the browser could not draw the plot’s vector layer',
        ),
      );
    image.src = url;
  });
}

export interface PlotPngOptions {
  /** Output pixels per CSS pixel. Default max(2, devicePixelRatio): sharp on a projector. */
  readonly scale?: number;
}

/**
 * The plot as a PNG: the background, then every canvas drawn directly (no round trip through
 * a data URL), then the vector layer (SVG, text) rendered on top.
 */
export async function plotToPng(container: Element, options: PlotPngOptions = {}): Promise<Blob> {
  const scale = options.scale ?? Math.max(2, globalThis.devicePixelRatio || 1);
  const origin = container.getBoundingClientRect();
  const overlay = plotToSvg(container, { embedCanvases: false, background: 'transparent' });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(overlay.width * scale));
  canvas.height = Math.max(1, Math.round(overlay.height * scale));
  const context = canvas.getContext('2d');
  if (!context)
    throw new PlotExportError('export.error.noCanvas', 'this browser cannot draw into a canvas');
  context.scale(scale, scale);
  context.fillStyle = backgroundOf(container);
  context.fillRect(0, 0, overlay.width, overlay.height);
  for (const layer of container.querySelectorAll('canvas')) {
    // Line layers are in the vector overlay, above the raster layers as on the page.
    if (hidden(layer) || layer.closest(SKIPPED) || vectorLayerOf(layer)) continue;
    const box = boxIn(layer, origin);
    const clip = clipBox(layer, container, origin);
    context.save();
    if (clip) {
      context.beginPath();
      context.rect(clip.x, clip.y, clip.width, clip.height);
      context.clip();
    }
    context.drawImage(layer, box.x, box.y, box.width, box.height);
    context.restore();
  }
  const url = URL.createObjectURL(new Blob([overlay.svg], { type: 'image/svg+xml' }));
  try {
    const image = await loadImage(url);
    context.drawImage(image, 0, 0, overlay.width, overlay.height);
  } finally {
    URL.revokeObjectURL(url);
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob
          ? resolve(blob)
          : reject(new PlotExportError('export.error.png', 'the PNG could not be encoded')),
      'image/png',
    ),
  );
}
