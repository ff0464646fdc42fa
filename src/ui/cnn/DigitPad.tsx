/**
 * A pad to draw a digit on — with a mouse, a pen or a finger (pointer events), or with the
 * keyboard (arrow keys move the pen, Space puts it down or lifts it) — and the 28 × 28 image
 * the network gets from it (size-normalised and centred as MNIST digits were). Reports the
 * image while drawing (a few times per second) and when a stroke ends; null when cleared.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useCnnT } from './cnnMessages.ts';
import {
  BRUSH_RADIUS,
  DIGIT_SIZE,
  INK_SIZE,
  inkMoments,
  paintStroke,
  toMnistImage,
} from './digitImage.ts';

/** The pad's side in CSS pixels. */
export const PAD_SIZE = 224;
/** Pen travel per arrow key, in ink pixels (one image pixel); Shift moves four times as far. */
const KEY_STEP = INK_SIZE / DIGIT_SIZE;
/** Reports while drawing at most this often, in ms. */
const REPORT_EVERY_MS = 150;

/** Paints `values` (width × height in [0, 1]) white on black into `canvas`, if it can draw. */
export function paintGray(
  canvas: HTMLCanvasElement | null,
  values: ArrayLike<number>,
  width: number,
  height: number,
): void {
  const ctx = canvas?.getContext('2d');
  if (!ctx) return; // jsdom
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    const g = Math.round(255 * Math.max(0, Math.min(1, values[p] ?? 0)));
    image.data[4 * p] = g;
    image.data[4 * p + 1] = g;
    image.data[4 * p + 2] = g;
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

export interface DigitPadProps {
  /** The drawing as a 28 × 28 image in [0, 1], or null when the pad is empty. */
  readonly onChange: (image: Float32Array | null) => void;
}

export function DigitPad({ onChange }: DigitPadProps) {
  const t = useCnnT();
  const ink = useRef(new Float32Array(INK_SIZE * INK_SIZE));
  const padRef = useRef<HTMLCanvasElement>(null);
  const previewRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const lastReport = useRef(0);
  const pendingReport = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [pen, setPen] = useState({ x: INK_SIZE / 2, y: INK_SIZE / 2, down: false, visible: false });
  const [empty, setEmpty] = useState(true);
  const helpId = useId();
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  const report = () => {
    if (pendingReport.current !== null) clearTimeout(pendingReport.current);
    pendingReport.current = null;
    lastReport.current = Date.now();
    const image = toMnistImage(ink.current, INK_SIZE, INK_SIZE);
    paintGray(previewRef.current, image, DIGIT_SIZE, DIGIT_SIZE);
    const blank = inkMoments(image, DIGIT_SIZE, DIGIT_SIZE).mass === 0;
    setEmpty(blank);
    latestOnChange.current(blank ? null : image);
  };
  /** Reports now if the last report is old enough, else once that time has passed. */
  const reportSoon = () => {
    const wait = REPORT_EVERY_MS - (Date.now() - lastReport.current);
    if (wait <= 0) report();
    else if (pendingReport.current === null) pendingReport.current = setTimeout(report, wait);
  };
  useEffect(
    () => () => {
      if (pendingReport.current !== null) clearTimeout(pendingReport.current);
    },
    [],
  );

  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    if (paintStroke(ink.current, INK_SIZE, from.x, from.y, to.x, to.y, BRUSH_RADIUS)) {
      paintGray(padRef.current, ink.current, INK_SIZE, INK_SIZE);
      reportSoon();
    }
  };

  /** Pointer position in ink pixels (the pad may be shown at any size). */
  const toInk = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const scaleX = INK_SIZE / (rect.width || PAD_SIZE);
    const scaleY = INK_SIZE / (rect.height || PAD_SIZE);
    return { x: (event.clientX - rect.left) * scaleX, y: (event.clientY - rect.top) * scaleY };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    const at = toInk(event);
    last.current = at;
    stroke(at, at);
  };
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!last.current) return;
    const at = toInk(event);
    stroke(last.current, at);
    last.current = at;
  };
  const endStroke = () => {
    if (!last.current) return;
    last.current = null;
    report();
  };

  const clear = () => {
    ink.current.fill(0);
    paintGray(padRef.current, ink.current, INK_SIZE, INK_SIZE);
    setPen((p) => ({ ...p, down: false }));
    report();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = KEY_STEP * (event.shiftKey ? 4 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[event.key];
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const down = !pen.down;
      if (down) stroke(pen, pen);
      else report();
      setPen({ ...pen, down, visible: true });
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      clear();
      return;
    }
    if (!move) return;
    event.preventDefault();
    const clamp = (v: number) => Math.max(0, Math.min(INK_SIZE, v));
    const next = { x: clamp(pen.x + move[0]), y: clamp(pen.y + move[1]) };
    if (pen.down) stroke(pen, next);
    setPen({ ...pen, ...next, visible: true });
  };

  const penScale = PAD_SIZE / INK_SIZE;
  return (
    <div className="dl-digit-pad">
      <div
        className="dl-digit-pad-surface"
        style={{ position: 'relative', width: PAD_SIZE, height: PAD_SIZE }}
      >
        <canvas
          ref={padRef}
          width={INK_SIZE}
          height={INK_SIZE}
          tabIndex={0}
          role="application"
          aria-label={t('cnn.pad.label')}
          aria-describedby={helpId}
          style={{
            width: PAD_SIZE,
            height: PAD_SIZE,
            touchAction: 'none',
            background: '#000',
            display: 'block',
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endStroke}
          onPointerCancel={endStroke}
          onLostPointerCapture={endStroke}
          onKeyDown={onKeyDown}
          onFocus={() => setPen((p) => ({ ...p, visible: true }))}
          onBlur={() => {
            if (pen.down) report();
            setPen((p) => ({ ...p, visible: false, down: false }));
          }}
        />
        {pen.visible && (
          <span
            className={`dl-pen${pen.down ? ' dl-pen-down' : ''}`}
            aria-hidden="true"
            style={{
              position: 'absolute',
              left: pen.x * penScale - 6,
              top: pen.y * penScale - 6,
              width: 12,
              height: 12,
              pointerEvents: 'none',
            }}
          />
        )}
      </div>
      <p id={helpId} className="dl-hint">
        {t('cnn.pad.help')}
        {pen.visible && (
          <span aria-live="polite">{t(pen.down ? 'cnn.pad.penDown' : 'cnn.pad.penUp')}</span>
        )}
      </p>
      <div className="dl-digit-pad-row">
        <button type="button" onClick={clear} disabled={empty}>
          {t('cnn.pad.clear')}
        </button>
        <figure className="dl-digit-preview">
          <canvas
            ref={previewRef}
            width={DIGIT_SIZE}
            height={DIGIT_SIZE}
            role="img"
            aria-label={t('cnn.pad.preview')}
            style={{
              width: DIGIT_SIZE * 2,
              height: DIGIT_SIZE * 2,
              imageRendering: 'pixelated',
              background: '#000',
            }}
          />
          <figcaption className="dl-hint">{t('cnn.pad.previewCaption')}</figcaption>
        </figure>
      </div>
    </div>
  );
}
