/**
 * `descent-lab ratemap FILE|- [--run LABEL] [--lr MIN:MAX:N] [--momentum MIN:MAX:N]`: the
 * convergence rate ρ per step of one run's method (GD / heavy ball, Nesterov) over a grid of
 * learning rates η (log-spaced) and momenta γ (evenly spaced), both ends included, on the Hessian
 * of the loss at the problem's start point. One JSON line per cell, `{"lr", "momentum", "rate"}`,
 * γ in the outer loop.
 */
import {
  MAX_MAP_MOMENTUM,
  defaultLrRange,
  eigenvalues2,
  evenlySpaced,
  iterationRate,
  linearMethod,
  logSpaced,
  problemHessian,
} from '../core/analysis/rateMap.ts';
import { parseCommandArgs, wholeNumber } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { readInputJson } from './input.ts';
import { LineOutput } from './output.ts';
import { experimentFrom } from './run.ts';

export const RATEMAP_USAGE =
  'descent-lab ratemap FILE|- [--run LABEL] [--lr MIN:MAX:N] [--momentum MIN:MAX:N]';

/** Default grid: 41 learning rates over the map's range, γ = 0, 0.03, …, 0.99. */
const DEFAULT_LR_COUNT = 41;
const DEFAULT_MOMENTA = [0, MAX_MAP_MOMENTUM, 34] as const;
/** Most values along one axis. */
const MAX_COUNT = 10_000;

/** A grid axis `MIN:MAX:N`: two plain decimal numbers and a whole count. */
interface AxisRange {
  readonly min: number;
  readonly max: number;
  readonly count: number;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * Parses `raw` as MIN:MAX:N with `lowest` ≤ MIN < MAX (MAX below `above` when given) and
 * 2 ≤ N ≤ 10,000 (MIN = MAX with N = 1 is a single value).
 */
export function parseRange(
  option: string,
  raw: string,
  bounds: { readonly lowest: number; readonly strictlyAbove?: boolean; readonly below?: number },
): AxisRange {
  const parts = raw.split(':');
  const [minText, maxText, countText] = parts;
  if (parts.length !== 3 || !DECIMAL.test(minText!) || !DECIMAL.test(maxText!))
    throw new CliError(`${option} must be MIN:MAX:N, e.g. 0.001:1:25 (got '${raw}')`);
  const min = Number(minText);
  const max = Number(maxText);
  const count = wholeNumber(`${option}'s N`, countText!, 1);
  const lowOk = bounds.strictlyAbove ? min > bounds.lowest : min >= bounds.lowest;
  const range = `${bounds.strictlyAbove ? 'above' : 'from'} ${bounds.lowest}${bounds.below === undefined ? '' : ` and below ${bounds.below}`}`;
  if (!lowOk || !Number.isFinite(max) || (bounds.below !== undefined && !(max < bounds.below)))
    throw new CliError(`${option} needs MIN and MAX ${range} (got '${raw}')`);
  if (count > MAX_COUNT)
    throw new CliError(`${option}'s N must be at most ${MAX_COUNT} (got ${count})`);
  if (count === 1 ? min !== max : !(min < max))
    throw new CliError(
      `${option} needs MIN < MAX with N ≥ 2, or MIN = MAX with N = 1 (got '${raw}')`,
    );
  return { min, max, count };
}

export async function ratemapCommand(args: readonly string[]): Promise<number> {
  const usage = `usage: ${RATEMAP_USAGE}`;
  const { values, positionals } = parseCommandArgs(args, { run: {}, lr: {}, momentum: {} }, usage);
  const [file, ...extra] = positionals;
  if (file === undefined)
    throw new CliError(`ratemap needs a config file (or - for standard input); ${usage}`);
  if (extra.length > 0) throw new CliError(`unexpected argument '${extra[0]}'; ${usage}`);
  const lrOption =
    values.lr === undefined
      ? null
      : parseRange('--lr', values.lr, { lowest: 0, strictlyAbove: true });
  const momenta =
    values.momentum === undefined
      ? evenlySpaced(...DEFAULT_MOMENTA)
      : (({ min, max, count }) => evenlySpaced(min, max, count))(
          parseRange('--momentum', values.momentum, { lowest: 0, below: 1 }),
        );

  const experiment = experimentFrom(await readInputJson(file));
  const run =
    values.run === undefined
      ? experiment.runs[0]
      : experiment.runs.find((r) => r.label === values.run);
  if (!run)
    throw new CliError(
      `no run is labelled '${values.run}'; the runs are ${experiment.runs.map((r) => `'${r.label}'`).join(', ')}`,
    );
  const method = linearMethod(run.optimizer);
  if (!method)
    throw new CliError(
      `run '${run.label}' uses ${run.optimizer.kind}, an adaptive optimizer: its step is not a fixed linear map, so it has no rate map (use an sgd or momentum run)`,
    );
  const problem = experiment.problem;
  const hessian =
    'start' in problem ? problemHessian(problem, experiment.seed, problem.start) : null;
  if (!hessian || !hessian.every(Number.isFinite))
    throw new CliError(
      `the rate map needs the Hessian at the start point; a ${problem.kind} problem has none here`,
    );
  const lambdas = eigenvalues2(...hessian);
  let lrs: number[];
  if (lrOption) lrs = logSpaced(lrOption.min, lrOption.max, lrOption.count);
  else {
    const range = defaultLrRange(method, lambdas);
    if (!range)
      throw new CliError(
        'the Hessian at the start has no positive curvature to scale η by; give --lr MIN:MAX:N',
      );
    lrs = logSpaced(range[0], range[1], DEFAULT_LR_COUNT);
  }

  const output = new LineOutput();
  for (const momentum of momenta) {
    for (const lr of lrs) {
      output.line(
        JSON.stringify({ lr, momentum, rate: iterationRate(method, lr, momentum, lambdas) }),
      );
      if (output.full) await output.flush();
      if (output.stopped) break;
    }
  }
  await output.end();
  return EXIT.ok;
}
