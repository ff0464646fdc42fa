/**
 * The (η, γ) rate map of one run: ρ, the convergence factor per step of that run's method (GD
 * and heavy ball, or Nesterov) at the Hessian of its current point, over a log η axis and γ from
 * 0 to 0.99. Contours of ρ, the stability boundary ρ = 1, the optimum (η*, γ*), every run as a
 * marker at its current (η, γ). Clicking the map — or moving its cursor with the arrow keys and
 * pressing Enter — sets the run's η and γ through the store, validated and applied live.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import {
  MAX_MAP_MOMENTUM,
  iterationRate,
  linearMethod,
  momentumOf,
} from '../../core/analysis/rateMap.ts';
import type { OptimizerConfig, RunConfig } from '../../core/config/experiment.ts';
import { OPTIMIZER_DEFAULTS } from '../../core/optimizers/index.ts';
import { optimizerTitle, useT } from '../../i18n/index.ts';
import { Axis } from '../../plots/Axis.tsx';
import { useElementWidth } from '../../plots/hooks.ts';
import { heatmapMap, markerPath, runStyle } from '../../plots/palette.ts';
import { chartScale } from '../../plots/scales.ts';
import { formatReadout } from '../../core/numbers.ts';
import { useLab, useLabStore } from '../../store/useLab.ts';
import { SelectField } from '../controls/fields.tsx';
import { useLiveValue } from '../hooks.ts';
import { currentRecord } from '../liveViews.ts';
import { curvatureAt } from '../math/curvature.ts';
import { stepsToShrink } from '../math/theory.ts';
import {
  DIVERGED_RGB,
  RATE_LEVELS,
  rateContours,
  rateMapFrame,
  rateMapModel,
  rateScalePosition,
  roundedSetting,
} from './rateMapView.ts';
import type { SurfaceFacts } from './useTheory.ts';

const M = { top: 8, right: 12, bottom: 34, left: 44 } as const;
/** Keyboard cursor steps: η by a tenth of a decade, γ by 0.01 (Shift: ×5). */
const LR_STEP = 10 ** 0.1;
const MOMENTUM_STEP = 0.01;

interface Setting {
  readonly lr: number;
  readonly momentum: number;
}

/** The configured η, γ of a run made to follow `setting` (plain SGD becomes heavy ball at γ > 0). */
export function withSetting(optimizer: OptimizerConfig, setting: Setting): OptimizerConfig {
  const { lr, momentum } = setting;
  if (optimizer.kind === 'momentum') return { ...optimizer, lr, momentum };
  if (optimizer.kind === 'sgd')
    return momentum > 0
      ? { ...OPTIMIZER_DEFAULTS.momentum, lr, momentum, weightDecay: optimizer.weightDecay }
      : { ...optimizer, lr };
  return optimizer;
}

/**
 * The Hessian's eigenvalues the map is drawn for: on a quadratic (and the line fit) the one
 * Hessian, read once; elsewhere the Hessian at run `label`'s current point and its step,
 * refreshed at human speed. Null where the curvature is not finite.
 */
function useLocalCurvature(
  label: string,
  facts: SurfaceFacts,
): { lambdaMin: number; lambdaMax: number; step: number } | null {
  const start = useLab((s) =>
    'start' in s.experiment.problem ? s.experiment.problem.start : null,
  );
  const read = useCallback(
    (live: Parameters<typeof currentRecord>[0]): string => {
      // A quadratic's key never changes, so the map never re-renders while it trains.
      const now = facts.quadratic ? null : currentRecord(live, label);
      const point = now?.params && now.params.length >= 2 ? now.params : start;
      if (!point) return '';
      const c = curvatureAt(facts.surface, point[0]!, point[1]!);
      // Four significant digits: a run creeping along does not recompute the map every frame.
      const round = (v: number) => (facts.quadratic ? v : Number(v.toPrecision(4)));
      return `${round(c.lambdaMin)},${round(c.lambdaMax)},${now?.step ?? 0}`;
    },
    [facts, label, start],
  );
  const key = useLiveValue(read);
  if (!key) return null;
  const [lambdaMin, lambdaMax, step] = key.split(',').map(Number) as [number, number, number];
  return Number.isFinite(lambdaMin) && Number.isFinite(lambdaMax)
    ? { lambdaMin, lambdaMax, step }
    : null;
}

export function RateMap(props: { readonly facts: SurfaceFacts }) {
  const { facts } = props;
  const t = useT();
  const store = useLabStore();
  const headingId = useId();
  const readoutId = useId();
  const runs = useLab((s) => s.experiment.runs);
  const [chosen, setChosen] = useState<string | null>(null);
  const fallback = runs.find((r) => linearMethod(r.optimizer)) ?? runs[0];
  const run = runs.find((r) => r.label === chosen) ?? fallback;
  const label = run?.label ?? '';
  const local = useLocalCurvature(label, facts);
  const method = run ? linearMethod(run.optimizer) : null;

  // Every run's η_t now (the schedule may have moved it from the configured η).
  const readLrs = useCallback(
    (live: Parameters<typeof currentRecord>[0]) =>
      runs.map((r) => currentRecord(live, r.label)?.lr ?? r.optimizer.lr).join(','),
    [runs],
  );
  const lrKey = useLiveValue(readLrs);
  const marks = useMemo(() => {
    const lrs = lrKey.split(',').map(Number);
    return runs.map((r, index) => ({
      label: r.label,
      style: runStyle(index),
      onMap: linearMethod(r.optimizer) !== null,
      lr: lrs[index] ?? r.optimizer.lr,
      momentum: momentumOf(r.optimizer),
      kind: r.optimizer.kind,
    }));
  }, [lrKey, runs]);

  const lambdaKey = local ? `${local.lambdaMin},${local.lambdaMax}` : '';
  const methodKey = method ? JSON.stringify(method) : '';
  const shownLrs = marks.filter((m) => m.onMap).map((m) => m.lr);
  const shownKey = shownLrs.join(',');
  const model = useMemo(() => {
    if (!methodKey || !lambdaKey) return null;
    return rateMapModel(
      JSON.parse(methodKey) as NonNullable<typeof method>,
      lambdaKey.split(',').map(Number),
      shownKey.split(',').map(Number),
    );
  }, [methodKey, lambdaKey, shownKey]);

  const containerRef = useRef<HTMLDivElement>(null);
  const width = Math.max(220, useElementWidth(containerRef, 360));
  const height = Math.round(Math.min(280, Math.max(170, width * 0.6)));
  const innerW = width - M.left - M.right;
  const innerH = height - M.top - M.bottom;
  const frame = model ? rateMapFrame(model.lrDomain, innerW, innerH) : null;
  const contours = useMemo(
    () => (model ? rateContours(model, innerW, innerH) : null),
    [model, innerW, innerH],
  );

  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !model) return;
    canvas.width = model.nx;
    canvas.height = model.ny;
    const ctx = canvas.getContext('2d');
    if (!ctx) return; // jsdom
    const image = ctx.createImageData(model.nx, model.ny);
    image.data.set(model.pixels);
    ctx.putImageData(image, 0, 0);
  }, [model]);

  const [cursor, setCursor] = useState<Setting | null>(null);
  const [hover, setHover] = useState<Setting | null>(null);

  if (!run) return null;
  const selectedMark = marks.find((m) => m.label === label);

  const apply = (setting: Setting) => {
    const rounded = roundedSetting(setting.lr, setting.momentum);
    store
      .getState()
      .updateRun(label, (r): RunConfig => ({ ...r, optimizer: withSetting(r.optimizer, rounded) }));
  };

  const settingAt = (event: MouseEvent<HTMLDivElement>): Setting | null => {
    if (!frame) return null;
    const rect = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - rect.left - M.left;
    const y = event.clientY - rect.top - M.top;
    if (x < 0 || y < 0 || x > innerW || y > innerH) return null;
    return roundedSetting(frame.lr(x), frame.momentum(y));
  };

  const clampSetting = (s: Setting): Setting => {
    const [lo, hi] = model?.lrDomain ?? [s.lr, s.lr];
    return {
      lr: Math.min(hi, Math.max(lo, s.lr)),
      momentum: Math.min(MAX_MAP_MOMENTUM, Math.max(0, Math.round(s.momentum * 100) / 100)),
    };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const from =
      cursor ??
      clampSetting({
        lr: selectedMark?.lr ?? run.optimizer.lr,
        momentum: selectedMark?.momentum ?? 0,
      });
    const k = event.shiftKey ? 5 : 1;
    let next: Setting | null = null;
    if (event.key === 'ArrowRight') next = { ...from, lr: from.lr * LR_STEP ** k };
    else if (event.key === 'ArrowLeft') next = { ...from, lr: from.lr / LR_STEP ** k };
    else if (event.key === 'ArrowUp')
      next = { ...from, momentum: from.momentum + MOMENTUM_STEP * k };
    else if (event.key === 'ArrowDown')
      next = { ...from, momentum: from.momentum - MOMENTUM_STEP * k };
    else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      apply(from);
      setCursor(from);
      return;
    } else if (event.key === 'Escape') {
      setCursor(null);
      return;
    } else return;
    event.preventDefault();
    setCursor(clampSetting(next));
  };

  const shown = hover ?? cursor;
  const describe = (s: Setting) => {
    if (!model) return '';
    const rate = iterationRate(model.method, s.lr, s.momentum, model.lambdas);
    const where = {
      lr: formatReadout(Number(s.lr.toPrecision(3))),
      momentum: formatReadout(s.momentum),
      rate: formatReadout(Number(rate.toPrecision(4))),
    };
    return rate < 1
      ? t('rateMap.readout', { ...where, steps: stepsToShrink(rate, 1e-6) })
      : t('rateMap.readoutDiverges', where);
  };

  const methodText = !method
    ? null
    : method.kind === 'nesterov'
      ? t('rateMap.methodNesterov')
      : run.optimizer.kind === 'sgd'
        ? t('rateMap.methodSgd')
        : t('rateMap.methodHeavyBall');
  const lrScale = model ? chartScale('log', model.lrDomain, [0, innerW]) : null;
  const momentumScale = chartScale('linear', [0, MAX_MAP_MOMENTUM], [innerH, 0]);

  return (
    <section className="dl-panel dl-rate-map-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('rateMap.title')}</h2>
      <SelectField
        label={t('rateMap.run')}
        value={label}
        options={runs.map((r) => ({ value: r.label, label: r.label }))}
        onChange={(value) => {
          setChosen(value);
          setCursor(null);
        }}
      />
      {!method ? (
        <p className="dl-hint">
          {t('rateMap.adaptive', { optimizer: optimizerTitle(run.optimizer.kind, t) })}
        </p>
      ) : !local || !model || !frame || !lrScale || !contours ? (
        <p className="dl-hint">{t('rateMap.noCurvature')}</p>
      ) : (
        <>
          <p className="dl-hint">
            {methodText}{' '}
            {facts.quadratic ? t('rateMap.exact') : t('rateMap.local', { step: local.step })}
          </p>
          <div ref={containerRef} className="dl-rate-map-host">
            <div
              data-testid="rate-map"
              className="dl-rate-map"
              role="group"
              tabIndex={0}
              aria-label={t('rateMap.plotLabel', { label })}
              aria-describedby={readoutId}
              style={{ position: 'relative', width, height }}
              onClick={(event) => {
                const s = settingAt(event);
                if (s) {
                  apply(s);
                  setCursor(s);
                }
              }}
              onPointerMove={(event) => setHover(settingAt(event))}
              onPointerLeave={() => setHover(null)}
              onKeyDown={onKeyDown}
              onBlur={() => setCursor(null)}
            >
              <canvas
                ref={canvasRef}
                aria-hidden="true"
                className="dl-rate-map-canvas"
                style={{
                  position: 'absolute',
                  left: M.left,
                  top: M.top,
                  width: innerW,
                  height: innerH,
                }}
              />
              <svg
                width={width}
                height={height}
                aria-hidden="true"
                style={{ position: 'absolute', left: 0, top: 0 }}
              >
                <g transform={`translate(${M.left},${M.top})`}>
                  {/* Light under dark, so the lines read on dark and light cells alike. */}
                  <g fill="none" stroke="rgba(255,255,255,0.6)" strokeWidth={2.2}>
                    {contours.levels.map((p) => (
                      <path key={p.level} d={p.d} />
                    ))}
                  </g>
                  <g fill="none" stroke="rgba(0,0,0,0.75)" strokeWidth={0.8}>
                    {contours.levels.map((p) => (
                      <path key={p.level} d={p.d} data-level={p.level} />
                    ))}
                  </g>
                  <path
                    className="dl-rate-boundary"
                    d={contours.boundary}
                    fill="none"
                    stroke="#fff"
                    strokeWidth={4}
                  />
                  <path d={contours.boundary} fill="none" stroke="#000" strokeWidth={2} />
                  {model.optimum && model.optimum.momentum <= MAX_MAP_MOMENTUM && (
                    <g
                      className="dl-rate-optimum"
                      transform={`translate(${frame.x(model.optimum.lr)},${frame.y(model.optimum.momentum)})`}
                    >
                      <path d="M-7,0H7M0,-7V7" stroke="#fff" strokeWidth={4} />
                      <path d="M-7,0H7M0,-7V7" stroke="#000" strokeWidth={1.8} />
                      <text
                        x={frame.x(model.optimum.lr) > innerW - 48 ? -9 : 9}
                        y={-6}
                        textAnchor={frame.x(model.optimum.lr) > innerW - 48 ? 'end' : 'start'}
                        className="dl-rate-label"
                      >
                        η*, γ*
                      </text>
                    </g>
                  )}
                  {marks
                    .filter((m) => m.onMap && m.lr > 0)
                    .map((m) => (
                      <path
                        key={m.label}
                        data-run={m.label}
                        className="dl-rate-run"
                        d={markerPath(
                          m.style.marker,
                          frame.x(Math.min(model.lrDomain[1], Math.max(model.lrDomain[0], m.lr))),
                          frame.y(Math.min(MAX_MAP_MOMENTUM, m.momentum)),
                          m.label === label ? 7 : 5.5,
                        )}
                        fill={m.style.color}
                        stroke={m.label === label ? '#fff' : '#000'}
                        strokeWidth={m.label === label ? 2 : 1}
                      />
                    ))}
                  {cursor && (
                    <g
                      className="dl-rate-cursor"
                      transform={`translate(${frame.x(cursor.lr)},${frame.y(cursor.momentum)})`}
                    >
                      <circle r={9} fill="none" stroke="#fff" strokeWidth={3} />
                      <circle r={9} fill="none" stroke="#000" strokeWidth={1.5} />
                    </g>
                  )}
                </g>
                <Axis
                  className="dl-axis-x"
                  orient="bottom"
                  transform={`translate(${M.left},${M.top + innerH})`}
                  ticks={lrScale.ticks(5)}
                  length={innerW}
                  label={t('rateMap.lrAxis')}
                  labelOffset={29}
                  overhang={[M.left, M.right]}
                />
                <Axis
                  className="dl-axis-y"
                  orient="left"
                  transform={`translate(${M.left},${M.top})`}
                  ticks={momentumScale.ticks(5)}
                  length={innerH}
                  label={t('rateMap.momentumAxis')}
                  labelOffset={32}
                  overhang={[M.bottom, M.top]}
                />
              </svg>
            </div>
          </div>
          <p id={readoutId} className="dl-rate-readout" aria-live="polite">
            {shown ? describe(shown) : t('rateMap.instructions', { label })}
          </p>
          <RateLegend
            optimum={model.optimum}
            runs={marks.map((m) => ({
              ...m,
              text: m.onMap
                ? t('rateMap.runAt', {
                    label: m.label,
                    lr: formatReadout(Number(m.lr.toPrecision(3))),
                    momentum: formatReadout(m.momentum),
                  })
                : t('rateMap.runOff', {
                    label: m.label,
                    optimizer: optimizerTitle(m.kind, t),
                  }),
            }))}
          />
        </>
      )}
    </section>
  );
}

function RateLegend(props: {
  readonly optimum: { lr: number; momentum: number; rate: number } | null;
  readonly runs: ReadonlyArray<{
    readonly label: string;
    readonly text: string;
    readonly style: ReturnType<typeof runStyle>;
  }>;
}) {
  const t = useT();
  const { optimum } = props;
  const ticks = [0, 0.9, 0.99, 0.999];
  return (
    <div className="dl-rate-legend">
      <div className="dl-rate-scale">
        <span>{t('rateMap.colour')}</span>
        <span className="dl-rate-bar" style={{ background: heatmapMap.gradient('to right') }}>
          {ticks.map((rate) => (
            <span
              key={rate}
              className="dl-rate-tick"
              style={{ left: `${100 * rateScalePosition(rate)}%` }}
            >
              {formatReadout(rate)}
            </span>
          ))}
        </span>
        <span
          className="dl-rate-swatch"
          style={{ background: `rgb(${DIVERGED_RGB.join(',')})` }}
          aria-hidden="true"
        />
        <span>{t('rateMap.diverged')}</span>
      </div>
      <p className="dl-hint">
        {t('rateMap.contours', { levels: RATE_LEVELS.join(', ') })}{' '}
        {optimum
          ? optimum.momentum <= MAX_MAP_MOMENTUM
            ? t('rateMap.optimum', {
                lr: formatReadout(Number(optimum.lr.toPrecision(3))),
                momentum: formatReadout(Number(optimum.momentum.toPrecision(3))),
                rate: formatReadout(Number(optimum.rate.toPrecision(4))),
              })
            : t('rateMap.optimumOff', {
                momentum: formatReadout(Number(optimum.momentum.toPrecision(4))),
              })
          : t('rateMap.noOptimum')}
      </p>
      <ul className="dl-rate-runs">
        {props.runs.map((r) => (
          <li key={r.label}>
            <svg width={14} height={14} aria-hidden="true">
              <path
                d={markerPath(r.style.marker, 7, 7, 5)}
                fill={r.style.color}
                stroke="#000"
                strokeWidth={0.8}
              />
            </svg>{' '}
            {r.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
