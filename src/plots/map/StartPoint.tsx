/**
 * The shared start point θ₀ on the map: a focusable button that arrow keys move (by 1/50 of the
 * view, ×5 with Shift, announced for screen readers) and that the pointer drags (the map's
 * pointer handlers recognise it by `data-start-marker`).
 */
import { useState, type KeyboardEvent } from 'react';
import type { ViewBox } from '../../core/surfaces/surface.ts';
import { useT } from '../../i18n/index.ts';
import { formatReadout } from '../../core/numbers.ts';
import { dataToPixel, type Size } from '../viewport.ts';

/** Marks the element whose pointer-down starts dragging the start point. */
export const START_MARKER_ATTRIBUTE = 'data-start-marker';

export function StartPoint(props: {
  readonly start: readonly [number, number];
  readonly value: (x: number, y: number) => number;
  readonly onStartChange: (start: [number, number]) => void;
  readonly box: ViewBox;
  readonly size: Size;
  readonly xLabel: string;
  readonly yLabel: string;
  /** Says a text in the map's live region. */
  readonly announce: (text: string) => void;
}) {
  const t = useT();
  const { start, value, onStartChange, box, size, xLabel, yLabel, announce } = props;
  const [focused, setFocused] = useState(false);
  const [sx, sy] = dataToPixel(box, size, start[0], start[1]);

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const stepX = ((box.xMax - box.xMin) / 50) * (event.shiftKey ? 5 : 1);
    const stepY = ((box.yMax - box.yMin) / 50) * (event.shiftKey ? 5 : 1);
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-stepX, 0],
      ArrowRight: [stepX, 0],
      ArrowUp: [0, stepY],
      ArrowDown: [0, -stepY],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next: [number, number] = [start[0] + move[0], start[1] + move[1]];
    onStartChange(next);
    // Screen readers do not reliably re-read a changed label of the focused element.
    announce(
      t('map.startAnnounce', {
        xLabel,
        x: formatReadout(next[0]),
        yLabel,
        y: formatReadout(next[1]),
        value: formatReadout(value(next[0], next[1])),
      }),
    );
  };

  return (
    <g
      className="dl-start"
      {...{ [START_MARKER_ATTRIBUTE]: '' }}
      tabIndex={0}
      role="button"
      aria-roledescription={t('map.movableStart')}
      aria-label={t('map.startLabel', {
        xLabel,
        x: formatReadout(start[0]),
        yLabel,
        y: formatReadout(start[1]),
        value: formatReadout(value(start[0], start[1])),
      })}
      transform={`translate(${Number.isFinite(sx) ? sx : -100},${Number.isFinite(sy) ? sy : -100})`}
      style={{ cursor: 'move', outline: 'none' }}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      <title>{t('map.startPoint')}</title>
      <circle r={12} fill="transparent" />
      {focused && <circle r={11} fill="none" stroke="#000" strokeWidth={2} strokeDasharray="2 2" />}
      <circle r={6} fill="none" stroke="#fff" strokeWidth={4} />
      <circle r={6} fill="none" stroke="#000" strokeWidth={2} />
      <path d="M-9,0H9M0,-9V9" stroke="#000" strokeWidth={1} />
    </g>
  );
}
