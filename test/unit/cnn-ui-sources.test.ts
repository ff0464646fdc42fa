/**
 * The CNN lab's adapters, by hand: smoothing with bias correction, which inspection each run
 * shows (cursor, or the newest step every training run reached), filter slices and scales,
 * tiles, and the names derived from an architecture.
 */
import { interpolateRdBu } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARCHITECTURE } from '../../src/core/cnn/architecture.ts';
import type { TensorView } from '../../src/core/cnn/trainer.ts';
import { parseRgb } from '../../src/plots/palette.ts';
import { parameterTensors } from '../../src/ui/cnn/CnnCharts.tsx';
import {
  activationVolume,
  filterDetail,
  channelSlice,
  filterSource,
  oneFilter,
  shownInspection,
  shownStep,
  smooth,
  tint,
} from '../../src/ui/cnn/cnnSources.ts';
import { imageTiles, scaledFilterTiles } from '../../src/ui/cnn/cnnTiles.ts';
import { shortClassNames } from '../../src/ui/cnn/EvaluationViews.tsx';
import { convLayers } from '../../src/ui/cnn/FiltersView.tsx';
import { floorIndex } from '../../src/ui/cnn/StepCursor.tsx';
import { cnnHarness, tinyInspection } from '../component/cnnFixtures.ts';

describe('smooth', () => {
  it('is an exponential moving average corrected for its start', () => {
    const out = new Float64Array(4);
    smooth([2, 1, 1, 0.5], 4, 0.9, out);
    // s₀ = 2; s₁ = (0.9·0.1·2 + 0.1·1)/(1 − 0.9²) = 0.28/0.19; s₃ = 0.3668/0.3439.
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeCloseTo(0.28 / 0.19, 12);
    expect(out[2]).toBeCloseTo(0.352 / 0.271, 12);
    expect(out[3]).toBeCloseTo(0.3668 / 0.3439, 12);
  });

  it('weight 0 is the data; non-finite values are skipped', () => {
    expect(Array.from(smooth([3, 1, 2], 3, 0, new Float64Array(3)))).toEqual([3, 1, 2]);
    const out = smooth([NaN, 4, Infinity, 2], 4, 0.5, new Float64Array(4));
    // NaN before any value; then 4; Infinity skipped (4 again); then (0.5·0.5·4 + 0.5·2)/0.75 = 2/0.75.
    expect(Number.isNaN(out[0])).toBe(true);
    expect(out[1]).toBe(4);
    expect(out[2]).toBe(4);
    expect(out[3]).toBeCloseTo(2 / 0.75, 12);
  });
});

describe('tint', () => {
  it('mixes a colour toward white', () => {
    // #0072B2 = (0, 114, 178); 60 % toward 255: (153, 198.6, 224.2) → (153, 199, 224).
    expect(tint('#0072B2', 0.6)).toBe('#99c7e0');
    expect(tint('#123456', 0)).toBe('#123456');
    expect(tint('#123456', 1)).toBe('#ffffff');
  });
});

describe('filter tiles on a given scale', () => {
  it('paints each channel side by side with a transparent gap, on [−m, m]', () => {
    // One filter, 2 channels of 1 × 2: weights (−1, 0 | 0.5, 2) on m = 2.
    const bank = {
      data: Float32Array.from([-1, 0, 0.5, 2]),
      count: 1,
      channels: 2,
      height: 1,
      width: 2,
    };
    const tiles = scaledFilterTiles({ bank, maxAbs: 2 });
    expect([tiles.tileWidth, tiles.tileHeight, tiles.count]).toEqual([5, 1, 1]);
    expect(tiles.legend).toEqual(['−2', '0', '+2']);
    const out = new Uint8ClampedArray(5 * 4);
    tiles.paint(0, out);
    const colour = (t: number) => [
      ...parseRgb(interpolateRdBu(1 - Math.round(t * 256) / 256)),
      255,
    ];
    expect(Array.from(out.slice(0, 4))).toEqual(colour(0.25)); // −1 → ½ − 1/4
    expect(Array.from(out.slice(4, 8))).toEqual(colour(0.5)); // 0 → white
    expect(Array.from(out.slice(8, 12))).toEqual([0, 0, 0, 0]); // the gap
    expect(Array.from(out.slice(12, 16))).toEqual(colour(0.625)); // 0.5 → ½ + 1/8
    expect(Array.from(out.slice(16, 20))).toEqual(colour(1)); // 2 → darkest red
  });

  it('images are grey levels, clamped to [0, 1]', () => {
    const tiles = imageTiles({ data: Float32Array.from([0, 0.5, 1, 2]), count: 1, size: 2 });
    const out = new Uint8ClampedArray(16);
    tiles.paint(0, out);
    expect(Array.from(out)).toEqual([
      0, 0, 0, 255, 128, 128, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ]);
  });
});

describe('slices of tensors', () => {
  const weights: TensorView = {
    name: 'conv1.weight',
    shape: [3, 2, 1, 2],
    data: Float32Array.from({ length: 12 }, (_, i) => i),
  };

  it('one filter of a [filters, channels, h, w] tensor', () => {
    const f = oneFilter(weights, 1)!;
    expect(Array.from(f.data)).toEqual([4, 5, 6, 7]);
    expect([f.count, f.channels, f.height, f.width]).toEqual([1, 2, 1, 2]);
    expect(oneFilter(weights, 3)).toBeNull();
  });

  it('a 1 × 1 × C activation becomes one 1 × C strip; others stay planar', () => {
    const dense = activationVolume({
      name: 'dense',
      shape: [10, 1, 1],
      data: new Float32Array(10),
    });
    expect([dense.channels, dense.height, dense.width]).toEqual([1, 1, 10]);
    const conv = activationVolume({
      name: 'conv1',
      shape: [8, 28, 28],
      data: new Float32Array(8 * 784),
    });
    expect([conv.channels, conv.height, conv.width]).toEqual([8, 28, 28]);
  });
});

describe('which inspection each run shows', () => {
  function setup() {
    const h = cnnHarness();
    h.frame('SGD', [], { truncatedAfter: -1 });
    h.frame('momentum', [], { truncatedAfter: -1 });
    return h;
  }

  it('live: the newest step every training run has reached; each run its inspection at or before it', () => {
    const h = setup();
    expect(shownStep(h.store)).toBeNull();
    h.answer('SGD', tinyInspection({ step: 0 }));
    h.answer('momentum', tinyInspection({ step: 0 }));
    h.store.getState().inspectNow();
    h.answer('SGD', tinyInspection({ step: 7 }));
    expect(shownStep(h.store)).toBe(0); // momentum is still at 0
    expect(shownInspection(h.store, 'SGD')!.step).toBe(0);
    h.answer('momentum', tinyInspection({ step: 6 }));
    expect(shownStep(h.store)).toBe(6);
    expect(shownInspection(h.store, 'SGD')!.step).toBe(0); // SGD has 0 and 7: 0 is the last ≤ 6
    expect(shownInspection(h.store, 'momentum')!.step).toBe(6);
  });

  it('a run that stopped training no longer holds the others back; the cursor overrides', () => {
    const h = setup();
    h.answer('SGD', tinyInspection({ step: 0 }));
    h.answer('momentum', tinyInspection({ step: 0 }));
    h.frame('momentum', [], {
      status: 'diverged',
      divergence: { quantity: 'loss', value: 'NaN', step: 0, lr: null },
    });
    h.store.getState().inspectNow();
    h.answer('SGD', tinyInspection({ step: 9 }));
    expect(shownStep(h.store)).toBe(9);
    h.store.getState().setCursor(3);
    expect(shownStep(h.store)).toBe(3);
    expect(shownInspection(h.store, 'SGD')!.step).toBe(0);
  });

  it('the change view shows θ_t − θ_s on its own scale, however small beside the weights', () => {
    const h = setup();
    // Filter 1's centre weight moves 0.5 → 0.5003 by step 5; every other weight stays at 0.1.
    const weights = (centre: number) =>
      Array.from({ length: 18 }, (_, i) => (i === 4 ? centre : 0.1));
    h.answer('SGD', tinyInspection({ step: 0, weights: weights(0.5) }));
    h.answer('momentum', tinyInspection({ step: 0, weights: weights(0.5) }));
    h.store.getState().inspectNow();
    h.answer('SGD', tinyInspection({ step: 5, weights: weights(0.5003) }));
    h.answer('momentum', tinyInspection({ step: 5, weights: weights(0.5) }));
    const view = { show: 'change', since: 0, channel: null, shared: false } as const;
    const change = filterSource(h.store, 'SGD', 'conv1', view).getState()!;
    // Float32 round-off: 0.5003 is stored as 0.50029999…
    expect(change.maxAbs).toBeCloseTo(0.0003, 6);
    expect(change.bank.data[4]).toBeCloseTo(0.0003, 6);
    expect(Array.from(change.bank.data).filter((v, i) => i !== 4 && v !== 0)).toEqual([]);
    // The weights' own scale is 0.5003: the change would be 1/1700 of it, invisible.
    const weightsOnly = { ...view, show: 'weights' } as const;
    expect(filterSource(h.store, 'SGD', 'conv1', weightsOnly).getState()!.maxAbs).toBeCloseTo(
      0.5003,
      6,
    );
    // Since step 5 (the shown step) nothing has changed; momentum's weights never moved.
    expect(filterSource(h.store, 'SGD', 'conv1', { ...view, since: 5 }).getState()!.maxAbs).toBe(0);
    expect(filterSource(h.store, 'momentum', 'conv1', view).getState()!.maxAbs).toBe(0);
    // Shared, momentum's change is drawn on SGD's larger scale.
    expect(
      filterSource(h.store, 'momentum', 'conv1', { ...view, shared: true }).getState()!.maxAbs,
    ).toBeCloseTo(0.0003, 6);
  });

  it('channelSlice picks one input channel of every filter', () => {
    // 2 filters × 2 channels × 1 × 2: filter f, channel c holds [4f + 2c + 1, 4f + 2c + 2].
    const bank = {
      data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
      count: 2,
      channels: 2,
      height: 1,
      width: 2,
    };
    const slice = channelSlice(bank, 1);
    expect(Array.from(slice.data)).toEqual([3, 4, 7, 8]);
    expect(slice.channels).toBe(1);
    expect(channelSlice(bank, null)).toBe(bank);
  });

  it('filter sources share the larger scale of the runs at the shown step', () => {
    const h = setup();
    const weights = (scale: number) =>
      Array.from({ length: 18 }, (_, i) => (i === 4 ? scale : 0.1));
    h.answer('SGD', tinyInspection({ step: 0, weights: weights(0.5) }));
    h.answer('momentum', tinyInspection({ step: 0, weights: weights(-2) }));
    const weightsView = { show: 'weights', since: 0, channel: null } as const;
    expect(
      filterSource(h.store, 'SGD', 'conv1', { ...weightsView, shared: true }).getState()!.maxAbs,
    ).toBe(2);
    expect(
      filterSource(h.store, 'SGD', 'conv1', { ...weightsView, shared: false }).getState()!.maxAbs,
    ).toBe(0.5);
    expect(
      filterSource(h.store, 'SGD', 'conv2', { ...weightsView, shared: true }).getState(),
    ).toBeNull();
    // The selected filter 1 of momentum: weights, gradient, and every optimizer state in order.
    h.store.getState().inspectNow();
    h.answer(
      'momentum',
      tinyInspection({ step: 0, weights: weights(-2), gradient: 0.5, states: { m: 1, v: 0.25 } }),
    );
    const detail = filterDetail(h.store, 'momentum', 'conv1', 0)!;
    expect(detail.parts.map((p) => p.name)).toEqual(['weights', 'gradient', 'm', 'v']);
    // ‖gradient‖ of 9 values of 0.5 = 1.5; ‖v‖ of 9 × 0.25 = 0.75.
    expect(detail.parts[1]!.norm).toBeCloseTo(1.5, 6);
    expect(detail.parts[3]!.norm).toBeCloseTo(0.75, 6);
  });
});

describe('names from the architecture', () => {
  it('conv layers with their input channels, and the parameter tensors in model order', () => {
    expect(convLayers(DEFAULT_ARCHITECTURE, 10)).toEqual([
      { name: 'conv1', channels: 1, size: 5 },
      { name: 'conv2', channels: 8, size: 5 },
    ]);
    expect(parameterTensors(DEFAULT_ARCHITECTURE, 10)).toEqual([
      'conv1.weight',
      'conv1.bias',
      'conv2.weight',
      'conv2.bias',
      'dense.weight',
      'dense.bias',
    ]);
  });

  it('long class names become numbers with a key', () => {
    expect(shortClassNames(['0', '1'])).toEqual({ labels: ['0', '1'], key: null });
    expect(shortClassNames(['ring', 'cross'])).toEqual({
      labels: ['0', '1'],
      key: '0 ring, 1 cross',
    });
  });

  it('the cursor slider snaps to the last recorded step at or before a step', () => {
    expect(floorIndex([0, 5, 10], 7)).toBe(1);
    expect(floorIndex([0, 5, 10], 10)).toBe(2);
    expect(floorIndex([3, 5], 1)).toBe(0);
  });
});
