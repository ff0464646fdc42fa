import { describe, expect, it } from 'vitest';
import {
  divergingMap,
  divergingPosition,
  markerPath,
  parseRgb,
  RUN_STYLES,
  runStyle,
  sequentialMap,
  textColorOn,
} from '../../src/plots/palette.ts';
import { activationTiles, filterTiles, finiteRange, maxAbsFinite } from '../../src/plots/tiles.ts';

describe('run styles', () => {
  it('are six Okabe–Ito colours, each with its own dash and marker', () => {
    // Okabe & Ito (2008): blue #0072B2, vermillion #D55E00, bluish green #009E73, reddish purple
    // #CC79A7, orange #E69F00, sky blue #56B4E9.
    expect(RUN_STYLES.map((s) => s.color)).toEqual([
      '#0072B2',
      '#D55E00',
      '#009E73',
      '#CC79A7',
      '#E69F00',
      '#56B4E9',
    ]);
    expect(new Set(RUN_STYLES.map((s) => s.dash)).size).toBe(6);
    expect(new Set(RUN_STYLES.map((s) => s.marker)).size).toBe(6);
    expect(runStyle(6)).toBe(runStyle(0));
    expect(runStyle(-1)).toBe(runStyle(5));
  });

  it('markers are closed paths centred where asked', () => {
    expect(markerPath('diamond', 10, 20, 5)).toBe('M10,15L15,20L10,25L5,20Z');
    for (const shape of ['circle', 'square', 'triangle', 'cross', 'star'] as const) {
      expect(markerPath(shape, 0, 0, 4)).toMatch(/^M.*Z$/);
    }
  });
});

describe('colour maps', () => {
  it('parse d3 colour strings', () => {
    expect(parseRgb('#ff8000')).toEqual([255, 128, 0]);
    expect(parseRgb('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    expect(parseRgb('nonsense')).toEqual([0, 0, 0]);
  });

  it('sequential map is viridis end to end', () => {
    // viridis runs from #440154 to #fde725.
    expect(sequentialMap.rgb(0)).toEqual([0x44, 0x01, 0x54]);
    expect(sequentialMap.rgb(1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(sequentialMap.rgb(-5)).toEqual(sequentialMap.rgb(0));
    expect(sequentialMap.rgb(NaN)).toEqual(sequentialMap.rgb(0));
  });

  it('diverging map: negative blue, zero near white, positive red', () => {
    const [r0, , b0] = divergingMap.rgb(divergingPosition(-1, 1));
    const mid = divergingMap.rgb(divergingPosition(0, 1));
    const [r1, , b1] = divergingMap.rgb(divergingPosition(1, 1));
    expect(b0).toBeGreaterThan(r0);
    expect(r1).toBeGreaterThan(b1);
    // RdBu's midpoint is rgb(242, 239, 238): light and nearly neutral.
    expect(mid).toEqual([242, 239, 238]);
  });

  it('divergingPosition is symmetric about zero and clamps', () => {
    expect(divergingPosition(0, 2)).toBe(0.5);
    expect(divergingPosition(-1, 2)).toBe(0.25); // ½ + (−1)/(2·2)
    expect(divergingPosition(2, 2)).toBe(1);
    expect(divergingPosition(7, 2)).toBe(1);
    expect(divergingPosition(3, 0)).toBe(0.5);
    expect(divergingPosition(NaN, 1)).toBe(0.5);
  });

  it('text colour contrasts with the cell', () => {
    expect(textColorOn([0, 0, 0])).toBe('#fff');
    expect(textColorOn([255, 255, 255])).toBe('#000');
    expect(textColorOn(sequentialMap.rgb(0))).toBe('#fff');
    expect(textColorOn(sequentialMap.rgb(1))).toBe('#000');
  });
});

describe('tiles', () => {
  it('filter tiles put filter f, row y, column x, channel c where the layout says', () => {
    // 2 filters of 2 channels × 2×2, OIHW: index ((f·2 + c)·2 + y)·2 + x.
    // Filter 1, channel 1, y 1, x 0 → ((2 + 1)·2 + 1)·2 + 0 = 14.
    const data = new Float32Array(16);
    data[14] = 0.5;
    data[0] = -0.25; // filter 0, channel 0, y 0, x 0
    const tiles = filterTiles({ data, count: 2, height: 2, width: 2, channels: 2 });
    // Channels side by side with a 1-pixel gap: width 2·3 − 1 = 5.
    expect([tiles.count, tiles.tileWidth, tiles.tileHeight]).toEqual([2, 5, 2]);
    expect(tiles.domain).toEqual([-0.5, 0.5]);
    expect(tiles.legend).toEqual(['−0.5', '0', '+0.5']);
    const out = new Uint8ClampedArray(5 * 2 * 4);
    tiles.paint(1, out);
    // Pixel (row 1, column c·3 + x = 3) is the most positive colour; the gap column 2 is transparent.
    const at = (row: number, col: number) =>
      Array.from(out.subarray(4 * (row * 5 + col), 4 * (row * 5 + col) + 4));
    expect(at(1, 3)).toEqual([...divergingMap.rgb(1), 255]);
    expect(at(0, 2)[3]).toBe(0);
    expect(at(1, 0)).toEqual([...divergingMap.rgb(0.5), 255]);
    tiles.paint(0, out);
    // −0.25 on the shared scale ±0.5 → t = 0.25.
    expect(at(0, 0)).toEqual([...divergingMap.rgb(0.25), 255]);
  });

  it('activation tiles read CHW volumes on one shared scale from 0', () => {
    // 2 channels of 1×2: index (c·1 + y)·2 + x. Channel 0 = [1, NaN], channel 1 = [2, 4].
    const data = Float32Array.from([1, NaN, 2, 4]);
    const tiles = activationTiles({ data, height: 1, width: 2, channels: 2 });
    expect(tiles.domain).toEqual([0, 4]);
    const out = new Uint8ClampedArray(2 * 4);
    tiles.paint(1, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([...sequentialMap.rgb(0.5), 255]);
    expect(Array.from(out.subarray(4, 8))).toEqual([...sequentialMap.rgb(1), 255]);
    tiles.paint(0, out);
    expect(Array.from(out.subarray(0, 4))).toEqual([...sequentialMap.rgb(0.25), 255]);
    expect(out[7]).toBe(0); // NaN → transparent
  });

  it('ranges ignore non-finite values', () => {
    expect(maxAbsFinite([1, -3, Infinity, NaN])).toBe(3);
    expect(finiteRange([NaN, -Infinity])).toEqual([0, 0]);
    expect(finiteRange([2, -1, 5], 2)).toEqual([-1, 2]);
  });
});
