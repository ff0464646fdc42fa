/**
 * The convnet's kernels in WebAssembly with 128-bit SIMD (AssemblyScript). Every argument
 * named like a buffer is a byte address in the memory the host gives the module; every value
 * is a float32. The kernels allocate nothing and keep no state: the host (src/core/cnn/wasm)
 * owns every buffer and calls these on one sample or one batch at a time.
 *
 * Layouts are those of the plain-JS layers (src/core/cnn/layers): activations CHW per sample,
 * conv weights [filters, channels, size, size], dense weights [units, inputs]. The small
 * helpers are inlined by the optimizer (asc -O3).
 */

/** The float at `base` + 4·`index`. */
function at(base: usize, index: i32): usize {
  return base + ((<usize>index) << 2);
}

/**
 * Copies sample `x` (C × H × W) into the interior of its zero-padded plane `xpad`
 * (C × PH × PW, value (r, c) at (r + pad, c + pad)). The border is never written, so it stays 0.
 */
export function padInput(
  x: usize,
  xpad: usize,
  channels: i32,
  height: i32,
  width: i32,
  pad: i32,
  padHeight: i32,
  padWidth: i32,
): void {
  for (let c = 0; c < channels; c++) {
    for (let r = 0; r < height; r++) {
      memory.copy(
        at(xpad, (c * padHeight + r + pad) * padWidth + pad),
        at(x, (c * height + r) * width),
        (<usize>width) << 2,
      );
    }
  }
}

/**
 * Stride-1 convolution of one padded sample: y[f, i, j] = b[f] + Σ W[f, c, u, v]·xpad[c, i + u, j + v].
 * Eight outputs of a row (two vectors) for four filters at a time: each vector of inputs
 * loaded serves four filters, each broadcast weight two vectors. `padWidth` must be at least
 * outWidth rounded up to 8, plus size − 1, so the last block reads inside the plane.
 */
export function convForward(
  xpad: usize,
  w: usize,
  b: usize,
  y: usize,
  channels: i32,
  filters: i32,
  size: i32,
  outHeight: i32,
  outWidth: i32,
  padHeight: i32,
  padWidth: i32,
): void {
  const field = channels * size * size;
  const filterBytes = (<usize>field) << 2;
  let f = 0;
  for (; f + 3 < filters; f += 4) {
    const b0 = f32x4.splat(load<f32>(at(b, f)));
    const b1 = f32x4.splat(load<f32>(at(b, f + 1)));
    const b2 = f32x4.splat(load<f32>(at(b, f + 2)));
    const b3 = f32x4.splat(load<f32>(at(b, f + 3)));
    const w0 = at(w, f * field);
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j += 8) {
        let s00 = b0,
          s01 = b0,
          s10 = b1,
          s11 = b1,
          s20 = b2,
          s21 = b2,
          s30 = b3,
          s31 = b3;
        for (let c = 0; c < channels; c++) {
          for (let u = 0; u < size; u++) {
            const row = at(xpad, (c * padHeight + i + u) * padWidth + j);
            const wr = w0 + ((<usize>((c * size + u) * size)) << 2);
            for (let v = 0; v < size; v++) {
              const p = row + ((<usize>v) << 2);
              const x0 = v128.load(p);
              const x1 = v128.load(p, 16);
              const q = wr + ((<usize>v) << 2);
              let k = v128.load32_splat(q);
              s00 = f32x4.add(s00, f32x4.mul(k, x0));
              s01 = f32x4.add(s01, f32x4.mul(k, x1));
              k = v128.load32_splat(q + filterBytes);
              s10 = f32x4.add(s10, f32x4.mul(k, x0));
              s11 = f32x4.add(s11, f32x4.mul(k, x1));
              k = v128.load32_splat(q + 2 * filterBytes);
              s20 = f32x4.add(s20, f32x4.mul(k, x0));
              s21 = f32x4.add(s21, f32x4.mul(k, x1));
              k = v128.load32_splat(q + 3 * filterBytes);
              s30 = f32x4.add(s30, f32x4.mul(k, x0));
              s31 = f32x4.add(s31, f32x4.mul(k, x1));
            }
          }
        }
        const o = (f * outHeight + i) * outWidth + j;
        const plane = outHeight * outWidth;
        storeRow(y, o, outWidth - j, s00, s01);
        storeRow(y, o + plane, outWidth - j, s10, s11);
        storeRow(y, o + 2 * plane, outWidth - j, s20, s21);
        storeRow(y, o + 3 * plane, outWidth - j, s30, s31);
      }
    }
  }
  // The last filters mod 4, one at a time.
  for (; f < filters; f++) {
    const bias = f32x4.splat(load<f32>(at(b, f)));
    const w0 = at(w, f * field);
    for (let i = 0; i < outHeight; i++) {
      for (let j = 0; j < outWidth; j += 8) {
        let s0 = bias,
          s1 = bias;
        for (let c = 0; c < channels; c++) {
          for (let u = 0; u < size; u++) {
            const row = at(xpad, (c * padHeight + i + u) * padWidth + j);
            const wr = w0 + ((<usize>((c * size + u) * size)) << 2);
            for (let v = 0; v < size; v++) {
              const p = row + ((<usize>v) << 2);
              const k = v128.load32_splat(wr + ((<usize>v) << 2));
              s0 = f32x4.add(s0, f32x4.mul(k, v128.load(p)));
              s1 = f32x4.add(s1, f32x4.mul(k, v128.load(p, 16)));
            }
          }
        }
        storeRow(y, (f * outHeight + i) * outWidth + j, outWidth - j, s0, s1);
      }
    }
  }
}

/** Stores the first min(8, `room`) lanes of s0, s1 at y + 4·`o`. */
function storeRow(y: usize, o: i32, room: i32, s0: v128, s1: v128): void {
  const p = at(y, o);
  if (room >= 8) {
    v128.store(p, s0);
    v128.store(p, s1, 16);
    return;
  }
  storePartial(p, room, s0);
  if (room > 4) storePartial(p + 16, room - 4, s1);
}

function storePartial(p: usize, lanes: i32, s: v128): void {
  if (lanes >= 4) {
    v128.store(p, s);
    return;
  }
  store<f32>(p, f32x4.extract_lane(s, 0));
  if (lanes > 1) store<f32>(p, f32x4.extract_lane(s, 1), 4);
  if (lanes > 2) store<f32>(p, f32x4.extract_lane(s, 2), 8);
}

/** dst[0 … n) += g·src[0 … n), four at a time. */
function axpy(dst: usize, src: usize, g: f32, n: i32): void {
  const gv = f32x4.splat(g);
  let v = 0;
  for (; v + 3 < n; v += 4) {
    const o = (<usize>v) << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), f32x4.mul(gv, v128.load(src + o))));
  }
  for (; v < n; v++) {
    const o = (<usize>v) << 2;
    store<f32>(dst + o, load<f32>(dst + o) + g * load<f32>(src + o));
  }
}

/**
 * Backward pass of a stride-1 convolution for one sample whose padded input is in `xpad`,
 * driven by the non-zero entries of ∂L/∂y only (ReLU and max-pooling leave most at zero):
 * ∂L/∂W[f] += g·(receptive field), ∂L/∂b[f] += g, and, with `dxpad` ≠ 0, ∂L/∂x += g·W[f]
 * into the zeroed padded plane `dxpad` (same layout as `xpad`).
 */
export function convBackward(
  g: usize,
  xpad: usize,
  w: usize,
  dw: usize,
  db: usize,
  dxpad: usize,
  channels: i32,
  filters: i32,
  size: i32,
  outHeight: i32,
  outWidth: i32,
  padHeight: i32,
  padWidth: i32,
): void {
  const positions = outHeight * outWidth;
  const field = channels * size * size;
  if (dxpad != 0) memory.fill(dxpad, 0, (<usize>(channels * padHeight * padWidth)) << 2);
  for (let f = 0; f < filters; f++) {
    const gf = at(g, f * positions);
    const wf = at(w, f * field);
    const dwf = at(dw, f * field);
    let biasSum: f32 = 0;
    for (let p = 0; p < positions; p++) {
      const gv = load<f32>(at(gf, p));
      if (gv == 0) continue;
      biasSum += gv;
      const i = p / outWidth;
      const j = p - i * outWidth;
      for (let c = 0; c < channels; c++) {
        for (let u = 0; u < size; u++) {
          const xo = (c * padHeight + i + u) * padWidth + j;
          const wo = (c * size + u) * size;
          axpy(at(dwf, wo), at(xpad, xo), gv, size);
          if (dxpad != 0) axpy(at(dxpad, xo), at(wf, wo), gv, size);
        }
      }
    }
    store<f32>(at(db, f), load<f32>(at(db, f)) + biasSum);
  }
}

/** Copies the interior of the padded plane `dxpad` into `dx` (C × H × W): padInput undone. */
export function unpad(
  dxpad: usize,
  dx: usize,
  channels: i32,
  height: i32,
  width: i32,
  pad: i32,
  padHeight: i32,
  padWidth: i32,
): void {
  for (let c = 0; c < channels; c++) {
    for (let r = 0; r < height; r++) {
      memory.copy(
        at(dx, (c * height + r) * width),
        at(dxpad, (c * padHeight + r + pad) * padWidth + pad),
        (<usize>width) << 2,
      );
    }
  }
}

/** Σ a[0 … n)·b[0 … n), four lanes at a time. */
function dot(a: usize, b: usize, n: i32): f32 {
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let k = 0;
  for (; k + 7 < n; k += 8) {
    const o = (<usize>k) << 2;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
  }
  const s = f32x4.add(s0, s1);
  let sum =
    f32x4.extract_lane(s, 0) +
    f32x4.extract_lane(s, 1) +
    f32x4.extract_lane(s, 2) +
    f32x4.extract_lane(s, 3);
  for (; k < n; k++) sum += load<f32>(at(a, k)) * load<f32>(at(b, k));
  return sum;
}

/** Dense layer: y[s, u] = b[u] + Σᵢ W[u, i]·x[s, i] for `count` samples. */
export function denseForward(
  x: usize,
  w: usize,
  b: usize,
  y: usize,
  count: i32,
  units: i32,
  inputs: i32,
): void {
  for (let s = 0; s < count; s++) {
    const xs = at(x, s * inputs);
    for (let u = 0; u < units; u++) {
      store<f32>(at(y, s * units + u), load<f32>(at(b, u)) + dot(at(w, u * inputs), xs, inputs));
    }
  }
}

/**
 * Dense layer backward: ∂L/∂W[u] += g·x[s], ∂L/∂b[u] += g for every non-zero g = ∂L/∂y[s, u];
 * with `dx` ≠ 0, ∂L/∂x[s] = Σᵤ g·W[u] (overwritten).
 */
export function denseBackward(
  x: usize,
  g: usize,
  w: usize,
  dw: usize,
  db: usize,
  dx: usize,
  count: i32,
  units: i32,
  inputs: i32,
): void {
  if (dx != 0) memory.fill(dx, 0, (<usize>(count * inputs)) << 2);
  for (let s = 0; s < count; s++) {
    for (let u = 0; u < units; u++) {
      const gv = load<f32>(at(g, s * units + u));
      if (gv == 0) continue;
      store<f32>(at(db, u), load<f32>(at(db, u)) + gv);
      axpy(at(dw, u * inputs), at(x, s * inputs), gv, inputs);
      if (dx != 0) axpy(at(dx, s * inputs), at(w, u * inputs), gv, inputs);
    }
  }
}

/** y = max(0, x) over n values (NaN stays NaN, so divergence shows). */
export function reluForward(x: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(y + o, f32x4.max(v128.load(x + o), zero));
  }
  for (; i < n; i++) store<f32>(at(y, i), max<f32>(load<f32>(at(x, i)), 0));
}

/** dx = g where x > 0, else 0, over n values. */
export function reluBackward(x: usize, g: usize, dx: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(dx + o, v128.and(v128.load(g + o), f32x4.gt(v128.load(x + o), zero)));
  }
  for (; i < n; i++) {
    store<f32>(at(dx, i), load<f32>(at(x, i)) > 0 ? load<f32>(at(g, i)) : 0);
  }
}

/**
 * Max-pooling over `planes` planes of height × width, windows of size × size moved by stride.
 * The common 2×2 windows with stride 2 go four outputs at a time.
 */
export function maxPoolForward(
  x: usize,
  y: usize,
  planes: i32,
  height: i32,
  width: i32,
  size: i32,
  stride: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  const pairs = size == 2 && stride == 2;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * height * width;
    for (let oy = 0; oy < outHeight; oy++) {
      let ox = 0;
      if (pairs) {
        const r0 = at(x, base + 2 * oy * width);
        const r1 = r0 + ((<usize>width) << 2);
        for (; ox + 3 < outWidth; ox += 4, o += 4) {
          const p = (<usize>ox) << 3;
          const a = f32x4.max(v128.load(r0 + p), v128.load(r1 + p));
          const b = f32x4.max(v128.load(r0 + p, 16), v128.load(r1 + p, 16));
          const even = v128.shuffle<f32>(a, b, 0, 2, 4, 6);
          const odd = v128.shuffle<f32>(a, b, 1, 3, 5, 7);
          v128.store(at(y, o), f32x4.max(even, odd));
        }
      }
      for (; ox < outWidth; ox++, o++) {
        const corner = base + oy * stride * width + ox * stride;
        let m = load<f32>(at(x, corner));
        for (let u = 0; u < size; u++) {
          const row = at(x, corner + u * width);
          for (let v = 0; v < size; v++) m = max<f32>(m, load<f32>(row + ((<usize>v) << 2)));
        }
        store<f32>(at(y, o), m);
      }
    }
  }
}

/**
 * The gradient of each window goes to its largest input (the first on ties); dx overwritten.
 * 2×2 windows with stride 2 go four at a time: each window's gradient to the first of its
 * inputs equal to its maximum, as lane masks.
 */
export function maxPoolBackward(
  x: usize,
  g: usize,
  dx: usize,
  planes: i32,
  height: i32,
  width: i32,
  size: i32,
  stride: i32,
  outHeight: i32,
  outWidth: i32,
): void {
  memory.fill(dx, 0, (<usize>(planes * height * width)) << 2);
  const pairs = size == 2 && stride == 2;
  let o = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * height * width;
    for (let oy = 0; oy < outHeight; oy++) {
      let ox = 0;
      if (pairs) {
        const r0 = base + 2 * oy * width;
        const x0 = at(x, r0);
        const x1 = at(x, r0 + width);
        const d0 = at(dx, r0);
        const d1 = at(dx, r0 + width);
        for (; ox + 3 < outWidth; ox += 4, o += 4) {
          const p = (<usize>ox) << 3;
          const a0 = v128.load(x0 + p);
          const b0 = v128.load(x0 + p, 16);
          const a1 = v128.load(x1 + p);
          const b1 = v128.load(x1 + p, 16);
          // The window's four inputs as four vectors, in the order ties are broken.
          const w00 = v128.shuffle<f32>(a0, b0, 0, 2, 4, 6);
          const w01 = v128.shuffle<f32>(a0, b0, 1, 3, 5, 7);
          const w10 = v128.shuffle<f32>(a1, b1, 0, 2, 4, 6);
          const w11 = v128.shuffle<f32>(a1, b1, 1, 3, 5, 7);
          const m = f32x4.max(f32x4.max(w00, w01), f32x4.max(w10, w11));
          const gv = v128.load(at(g, o));
          let left = f32x4.eq(w00, w00); // all lanes
          const e00 = f32x4.eq(w00, m);
          const e01 = v128.andnot(f32x4.eq(w01, m), e00);
          left = v128.andnot(v128.andnot(left, e00), e01);
          const e10 = v128.and(f32x4.eq(w10, m), left);
          const e11 = v128.andnot(left, e10);
          const g00 = v128.and(gv, e00);
          const g01 = v128.and(gv, e01);
          const g10 = v128.and(gv, e10);
          const g11 = v128.and(gv, e11);
          v128.store(d0 + p, v128.shuffle<f32>(g00, g01, 0, 4, 1, 5));
          v128.store(d0 + p, v128.shuffle<f32>(g00, g01, 2, 6, 3, 7), 16);
          v128.store(d1 + p, v128.shuffle<f32>(g10, g11, 0, 4, 1, 5));
          v128.store(d1 + p, v128.shuffle<f32>(g10, g11, 2, 6, 3, 7), 16);
        }
      }
      for (; ox < outWidth; ox++, o++) {
        const corner = base + oy * stride * width + ox * stride;
        let best = corner;
        let m = load<f32>(at(x, corner));
        for (let u = 0; u < size; u++) {
          const row = corner + u * width;
          for (let v = 0; v < size; v++) {
            const value = load<f32>(at(x, row + v));
            const larger = value > m;
            best = select<i32>(row + v, best, larger);
            m = select<f32>(value, m, larger);
          }
        }
        const d = at(dx, best);
        store<f32>(d, load<f32>(d) + load<f32>(at(g, o)));
      }
    }
  }
}
