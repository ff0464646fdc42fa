/**
 * A hand-drawn digit, turned into the kind of image the network was trained on. MNIST digits
 * were size-normalised to fit a 20 × 20 box (aspect ratio kept, anti-aliased) and then placed
 * in a 28 × 28 field so that their centre of mass sits at the field's centre; `toMnistImage`
 * does the same to the ink of the drawing pad. Pure functions on Float32Arrays, no DOM.
 *
 * Coordinates are continuous: pixel (x, y) covers [x, x + 1) × [y, y + 1), so its centre is at
 * (x + ½, y + ½) and the centre of a 28 × 28 field is (14, 14).
 */

/** Side of the images the network sees. */
export const DIGIT_SIZE = 28;
/** Side of the box the drawing's longer side is scaled to (MNIST's 20 × 20). */
export const DIGIT_BOX = 20;
/** Side of the drawing pad's ink grid: 4 ink pixels per image pixel. */
export const INK_SIZE = 112;
/** Brush radius in ink pixels: a stroke ≈ 9/112 of the pad, about MNIST's stroke width. */
export const BRUSH_RADIUS = 4.5;

/** Total ink Σv and its centre of mass (x̄, ȳ) in continuous coordinates; NaN centre when empty. */
export interface InkMoments {
  readonly mass: number;
  readonly cx: number;
  readonly cy: number;
}

/** Σv and the centre of mass Σ v·(x + ½) / Σv, Σ v·(y + ½) / Σv of a width × height image. */
export function inkMoments(image: ArrayLike<number>, width: number, height: number): InkMoments {
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = image[y * width + x]!;
      mass += v;
      sx += v * (x + 0.5);
      sy += v * (y + 0.5);
    }
  }
  return mass > 0 ? { mass, cx: sx / mass, cy: sy / mass } : { mass: 0, cx: NaN, cy: NaN };
}

/**
 * Paints a round-capped stroke of radius `radius` (ink pixels) from (ax, ay) to (bx, by) into
 * the size × size `ink` grid, anti-aliased: a pixel whose centre lies at distance d from the
 * segment gets coverage clamp(radius + ½ − d, 0, 1), combined with what is there by max (so
 * overlapping strokes do not get darker than full ink). Returns whether any pixel changed.
 */
export function paintStroke(
  ink: Float32Array,
  size: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  radius: number = BRUSH_RADIUS,
): boolean {
  const reach = radius + 0.5;
  const x0 = Math.max(0, Math.floor(Math.min(ax, bx) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, bx) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, by) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, by) + reach));
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  let changed = false;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t =
        length2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
      const d = Math.hypot(px - ax - t * dx, py - ay - t * dy);
      // Rounded as the grid stores it, so repainting a stroke changes nothing.
      const coverage = Math.fround(Math.max(0, Math.min(1, reach - d)));
      const at = y * size + x;
      if (coverage > ink[at]!) {
        ink[at] = coverage;
        changed = true;
      }
    }
  }
  return changed;
}

/**
 * Overlap lengths of the target cells [j, j + 1), j = 0 … n − 1, with the source pixels, for
 * the map source = origin + (target − offset) / scale; weights are overlap · scale, so each
 * target cell's weights sum to 1 where it lies fully inside the source.
 */
function resampleWeights(
  n: number,
  sourceLength: number,
  origin: number,
  offset: number,
  scale: number,
): Array<{ readonly from: number; readonly weights: Float64Array }> {
  const out: Array<{ from: number; weights: Float64Array }> = [];
  for (let j = 0; j < n; j++) {
    const s0 = origin + (j - offset) / scale;
    const s1 = origin + (j + 1 - offset) / scale;
    const from = Math.max(0, Math.floor(s0));
    const to = Math.min(sourceLength, Math.ceil(s1));
    const weights = new Float64Array(Math.max(0, to - from));
    for (let s = from; s < to; s++) {
      weights[s - from] = Math.max(0, Math.min(s + 1, s1) - Math.max(s, s0)) * scale;
    }
    out.push({ from, weights });
  }
  return out;
}

/**
 * The 28 × 28 image of a drawing, as MNIST prepared its digits: the bounding box of the ink
 * (values > `threshold`, default 0.01) is scaled so its longer side is 20 pixels (aspect ratio
 * kept) by area averaging — each image pixel is the mean ink over the part of the drawing it
 * covers, which anti-aliases — and shifted (by fractions of a pixel too) so the ink's centre of
 * mass lands at (14, 14). The result is scaled so its brightest pixel is 1 (a faint or thin
 * drawing still looks like pen strokes). Ink pushed past the border by the centring is cut off,
 * as in MNIST. An empty drawing gives all zeros.
 *
 * @param ink width × height values in [0, 1], rows top to bottom
 * @param out where to write the 784 values (a new array by default)
 */
export function toMnistImage(
  ink: ArrayLike<number>,
  width: number,
  height: number,
  out: Float32Array = new Float32Array(DIGIT_SIZE * DIGIT_SIZE),
  threshold = 0.01,
): Float32Array {
  out.fill(0);
  let xMin = width;
  let xMax = -1;
  let yMin = height;
  let yMax = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x]! > threshold) {
        if (x < xMin) xMin = x;
        if (x > xMax) xMax = x;
        if (y < yMin) yMin = y;
        if (y > yMax) yMax = y;
      }
    }
  }
  if (xMax < 0) return out;
  const scale = DIGIT_BOX / Math.max(xMax - xMin + 1, yMax - yMin + 1);
  const { cx, cy } = inkMoments(ink, width, height);
  // source x ↦ (x − xMin)·scale + offsetX puts the centre of mass at the field's centre.
  const centre = DIGIT_SIZE / 2;
  const offsetX = centre - (cx - xMin) * scale;
  const offsetY = centre - (cy - yMin) * scale;
  const columns = resampleWeights(DIGIT_SIZE, width, xMin, offsetX, scale);
  const rows = resampleWeights(DIGIT_SIZE, height, yMin, offsetY, scale);
  let max = 0;
  for (let i = 0; i < DIGIT_SIZE; i++) {
    const row = rows[i]!;
    for (let j = 0; j < DIGIT_SIZE; j++) {
      const column = columns[j]!;
      let sum = 0;
      for (let a = 0; a < row.weights.length; a++) {
        const wy = row.weights[a]!;
        if (wy === 0) continue;
        const base = (row.from + a) * width + column.from;
        for (let b = 0; b < column.weights.length; b++)
          sum += wy * column.weights[b]! * ink[base + b]!;
      }
      out[i * DIGIT_SIZE + j] = sum;
      if (sum > max) max = sum;
    }
  }
  if (max > 0 && max !== 1) for (let k = 0; k < out.length; k++) out[k] = out[k]! / max;
  return out;
}
