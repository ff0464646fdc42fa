/**
 * A generated 28×28 image set of simple strokes — bars in four orientations, edges, crosses and
 * rings — with random position, size, thickness, brightness and a little noise. It trains in
 * seconds, and a first conv layer trained on it visibly becomes a bank of edge and bar
 * detectors. Image i is drawn from its own generator seeded by (seed, i), so the first k
 * images are the same whatever the total count.
 */
import { Random } from '../../random.ts';
import type { ImageDataset } from './dataset.ts';

/** Side length of a shapes image. */
export const SHAPES_SIZE = 28;

/** Class names, in label order. */
export const SHAPE_CLASSES = [
  'horizontal bar',
  'vertical bar',
  'diagonal ╲',
  'diagonal ╱',
  'horizontal edge',
  'vertical edge',
  'cross',
  'ring',
] as const;

/** Most images `generateShapes` makes (the config allows 20,000 + 5,000). */
export const MAX_SHAPES = 25_000;

type Intensity = (x: number, y: number) => number;

/** Distance from (px, py) to the segment from (ax, ay) to (bx, by). */
function segmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** 1 inside a stroke of half-width `half`, fading to 0 over one pixel (anti-aliased). */
function stroke(distance: number, half: number): number {
  return Math.max(0, Math.min(1, half + 0.5 - distance));
}

/** A bar through (cx, cy) at angle `angle` (radians, image y pointing down). */
function bar(rng: Random, angle: number): Intensity {
  const c = SHAPES_SIZE / 2;
  const cx = c + rng.uniform(-5, 5);
  const cy = c + rng.uniform(-5, 5);
  const half = rng.uniform(6, 11);
  const a = angle + rng.uniform(-0.15, 0.15);
  const ux = Math.cos(a) * half;
  const uy = Math.sin(a) * half;
  const width = rng.uniform(0.8, 1.8);
  return (x, y) => stroke(segmentDistance(x, y, cx - ux, cy - uy, cx + ux, cy + uy), width);
}

/** A soft step from dark to bright (or back) across a horizontal or vertical line. */
function edge(rng: Random, horizontal: boolean): Intensity {
  const at = rng.uniform(9, 19);
  const sign = rng.next() < 0.5 ? 1 : -1;
  const softness = rng.uniform(0.5, 1.5);
  return (x, y) => 1 / (1 + Math.exp((-sign * ((horizontal ? y : x) - at)) / softness));
}

function cross(rng: Random): Intensity {
  const c = SHAPES_SIZE / 2;
  const cx = c + rng.uniform(-4, 4);
  const cy = c + rng.uniform(-4, 4);
  const arm = rng.uniform(5, 9);
  const width = rng.uniform(0.8, 1.6);
  return (x, y) =>
    stroke(
      Math.min(
        segmentDistance(x, y, cx - arm, cy, cx + arm, cy),
        segmentDistance(x, y, cx, cy - arm, cx, cy + arm),
      ),
      width,
    );
}

function ring(rng: Random): Intensity {
  const c = SHAPES_SIZE / 2;
  const cx = c + rng.uniform(-4, 4);
  const cy = c + rng.uniform(-4, 4);
  const radius = rng.uniform(4.5, 9);
  const width = rng.uniform(0.7, 1.5);
  return (x, y) => stroke(Math.abs(Math.hypot(x - cx, y - cy) - radius), width);
}

function shapeOf(label: number, rng: Random): Intensity {
  switch (label) {
    case 0:
      return bar(rng, 0);
    case 1:
      return bar(rng, Math.PI / 2);
    case 2:
      return bar(rng, Math.PI / 4);
    case 3:
      return bar(rng, -Math.PI / 4);
    case 4:
      return edge(rng, true);
    case 5:
      return edge(rng, false);
    case 6:
      return cross(rng);
    default:
      return ring(rng);
  }
}

/**
 * `count` shapes images (classes in turn: image i has label i mod 8), drawn from `seed`.
 * Brightness varies from 0.6 to 1 and Gaussian noise of σ = 0.06 is added before rounding
 * to bytes.
 */
export function generateShapes(count: number, seed: number): ImageDataset {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_SHAPES)) {
    throw new RangeError(`the shapes set has 1 to ${MAX_SHAPES} images (asked for ${count})`);
  }
  const size = SHAPES_SIZE;
  const pixels = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    // Mix seed and index so neighbouring seeds do not share images.
    const rng = new Random(Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
    const label = i % SHAPE_CLASSES.length;
    labels[i] = label;
    const shape = shapeOf(label, rng);
    const brightness = rng.uniform(0.6, 1);
    const base = i * size * size;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // Sample at the pixel centre.
        const v = brightness * shape(x + 0.5, y + 0.5) + 0.06 * rng.normal();
        pixels[base + y * size + x] = Math.round(255 * Math.max(0, Math.min(1, v)));
      }
    }
  }
  return {
    name: 'shapes',
    count,
    height: size,
    width: size,
    classes: SHAPE_CLASSES.length,
    classNames: SHAPE_CLASSES,
    pixels,
    labels,
  };
}
