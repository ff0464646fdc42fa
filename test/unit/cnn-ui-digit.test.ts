/**
 * Draw-a-digit downsampling, worked out by hand: the longer side of the ink's bounding box is
 * scaled to 20 pixels by area averaging, and the centre of mass is moved to (14, 14).
 */
import { describe, expect, it } from 'vitest';
import { INK_SIZE, inkMoments, paintStroke, toMnistImage } from '../../src/ui/cnn/digitImage.ts';

/** A 112 × 112 pad with full ink on columns [x0, x1) and rows [y0, y1). */
function rectangle(x0: number, x1: number, y0: number, y1: number): Float32Array {
  const ink = new Float32Array(INK_SIZE * INK_SIZE);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * INK_SIZE + x] = 1;
  return ink;
}

const at = (image: Float32Array, x: number, y: number) => image[y * 28 + x]!;

describe('toMnistImage', () => {
  it('a drawn vertical bar becomes a centred bar 20 pixels tall', () => {
    // 8 × 80 ink pixels anywhere on the pad: scale 20/80 = ¼ → 2 × 20 pixels. Its centre of mass
    // goes to (14, 14), so it covers x ∈ [13, 15), y ∈ [4, 24) exactly: columns 13 and 14 full.
    const image = toMnistImage(rectangle(10, 18, 25, 105), INK_SIZE, INK_SIZE);
    for (let y = 0; y < 28; y++) {
      for (let x = 0; x < 28; x++) {
        const inside = (x === 13 || x === 14) && y >= 4 && y < 24;
        expect(at(image, x, y)).toBeCloseTo(inside ? 1 : 0, 6);
      }
    }
    // Mass: the 640 ink pixels × (¼)² = 40 = 2 × 20.
    const { mass, cx, cy } = inkMoments(image, 28, 28);
    expect(mass).toBeCloseTo(40, 4);
    expect(cx).toBeCloseTo(14, 6);
    expect(cy).toBeCloseTo(14, 6);
  });

  it('anti-aliases a bar whose width is not a whole number of pixels', () => {
    // 10 × 80 → 2.5 × 20, centred: x ∈ [12.75, 15.25) → column 12 is ¼ covered, 13–14 full,
    // 15 ¼ covered. Mass 800 / 16 = 50.
    const image = toMnistImage(rectangle(60, 70, 10, 90), INK_SIZE, INK_SIZE);
    for (const y of [4, 13, 23]) {
      expect([11, 12, 13, 14, 15, 16].map((x) => at(image, x, y))).toEqual([
        0,
        expect.closeTo(0.25, 6),
        expect.closeTo(1, 6),
        expect.closeTo(1, 6),
        expect.closeTo(0.25, 6),
        0,
      ]);
    }
    expect(at(image, 13, 3)).toBe(0);
    expect(at(image, 13, 24)).toBe(0);
    expect(inkMoments(image, 28, 28).mass).toBeCloseTo(50, 4);
  });

  it('scales the longer side to 20 and keeps the aspect ratio (a horizontal bar)', () => {
    // 40 × 4 → scale ½ → 20 × 2: rows 13 and 14, columns 4…23.
    const image = toMnistImage(rectangle(30, 70, 50, 54), INK_SIZE, INK_SIZE);
    expect(at(image, 4, 13)).toBeCloseTo(1, 6);
    expect(at(image, 23, 14)).toBeCloseTo(1, 6);
    expect(at(image, 3, 13)).toBe(0);
    expect(at(image, 24, 14)).toBe(0);
    expect(at(image, 14, 12)).toBe(0);
    expect(inkMoments(image, 28, 28).mass).toBeCloseTo(40, 4);
  });

  it('centres by centre of mass, not by the bounding box', () => {
    // An "L": a 4 × 40 stem (columns 20–23, rows 20–59) and a 16 × 4 foot (columns 24–39,
    // rows 56–59). Bounding box 20 × 40 → scale ½. Mass 160 + 64 = 224; centre of mass
    // x̄ = (160·22 + 64·32)/224 = 24.857, ȳ = (160·40 + 64·58)/224 = 45.143.
    const ink = rectangle(20, 24, 20, 60);
    for (let y = 56; y < 60; y++) for (let x = 24; x < 40; x++) ink[y * INK_SIZE + x] = 1;
    const image = toMnistImage(ink, INK_SIZE, INK_SIZE);
    const { mass, cx, cy } = inkMoments(image, 28, 28);
    expect(mass).toBeCloseTo(224 / 4, 4); // nothing is cut off
    expect(cx).toBeCloseTo(14, 6);
    expect(cy).toBeCloseTo(14, 6);
    // x ↦ (x − 20)·½ + 14 − (24.857 − 20)·½: the stem spans [11.571, 13.571), so column 11 is
    // 0.429 covered, 12 fully, 13 0.571; the box's centre (column 10 + ½·… ) is not at 14.
    expect(at(image, 11, 10)).toBeCloseTo(12 - (14 - (24.857142857 - 20) / 2), 5);
    expect(at(image, 12, 10)).toBeCloseTo(1, 6);
    expect(at(image, 13, 10)).toBeCloseTo(13.571428571 - 13, 5);
    expect(at(image, 10, 10)).toBe(0);
  });

  it('an anti-aliased pen stroke lands centred, its brightest pixel 1', () => {
    const ink = new Float32Array(INK_SIZE * INK_SIZE);
    expect(paintStroke(ink, INK_SIZE, 20, 15, 35, 95)).toBe(true);
    const image = toMnistImage(ink, INK_SIZE, INK_SIZE);
    const { cx, cy } = inkMoments(image, 28, 28);
    expect(cx).toBeCloseTo(14, 1);
    expect(cy).toBeCloseTo(14, 1);
    expect(Math.max(...image)).toBeCloseTo(1, 6);
    expect(Math.min(...image)).toBeGreaterThanOrEqual(0);
  });

  it('an empty pad gives all zeros', () => {
    const image = toMnistImage(new Float32Array(INK_SIZE * INK_SIZE), INK_SIZE, INK_SIZE);
    expect(image.every((v) => v === 0)).toBe(true);
    expect(inkMoments(image, 28, 28)).toEqual({ mass: 0, cx: NaN, cy: NaN });
  });
});

describe('paintStroke', () => {
  it('covers pixels within the brush radius fully, fading over half a pixel', () => {
    const ink = new Float32Array(20 * 20);
    paintStroke(ink, 20, 10, 10, 10, 10, 3);
    // Pixel centres at distance d from (10, 10) get clamp(3.5 − d, 0, 1).
    expect(ink[10 * 20 + 10]).toBe(1); // centre (10.5, 10.5): d = 0.71
    expect(ink[10 * 20 + 11]).toBe(1); // (11.5, 10.5): d = 1.58
    expect(ink[10 * 20 + 12]).toBeCloseTo(3.5 - Math.hypot(2.5, 0.5), 6); // d = 2.55 → 0.95
    expect(ink[10 * 20 + 13]).toBe(0); // (13.5, 10.5): d = 3.54 > 3.5
    expect(ink[7 * 20 + 9]).toBeCloseTo(3.5 - Math.hypot(0.5, 2.5), 6); // (9.5, 7.5): 0.95
    expect(ink[0]).toBe(0);
  });

  it('never darkens what is there (max, not sum) and says when nothing changed', () => {
    const ink = new Float32Array(20 * 20);
    paintStroke(ink, 20, 5, 5, 15, 5, 2);
    const once = ink.slice();
    expect(paintStroke(ink, 20, 5, 5, 15, 5, 2)).toBe(false);
    expect(ink).toEqual(once);
  });
});
