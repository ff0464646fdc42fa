import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/core/config/validate.ts';
import { createTrainers } from '../../src/core/run/createTrainers.ts';
import type { StepRecord } from '../../src/core/run/records.ts';
import { runToEnd } from '../../src/core/run/runExperiment.ts';
import { primaryStateName } from '../../src/core/optimizers/index.ts';
import { RunHistory } from '../../src/store/runHistory.ts';
import { SeriesPacker } from '../../src/worker/seriesPacker.ts';
import { historyCsv, historyJson, historyRecords } from '../../src/ui/exportHistory.ts';
import { englishReason } from '../../src/i18n/printedRecord.ts';
import { exportFileName } from '../../src/ui/exportFiles.ts';
import type { Experiment } from '../../src/core/config/experiment.ts';

/** Runs an experiment headless and feeds its records to RunHistory as the worker would. */
function liveHistory(experiment: Experiment): { live: RunHistory; records: StepRecord[] } {
  const records: StepRecord[] = [];
  runToEnd(createTrainers(experiment), (r) => records.push(r));
  const live = new RunHistory();
  for (const run of experiment.runs) {
    const packer = new SeriesPacker(primaryStateName(run.optimizer.kind));
    const own = records.filter((r) => r.run === run.label);
    own.forEach((r) => packer.add(r, 0));
    live.applyFrame({
      label: run.label,
      status: own.at(-1)?.diverged ? 'diverged' : 'finished',
      series: packer.take(),
      last: own.at(-1) ?? null,
    } as Parameters<RunHistory['applyFrame']>[0]);
  }
  return { live, records };
}

// f = x² + y² from (2, 1) with η = 0.25: hand-traced below.
const bowl = parseExperiment({
  problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + y^2', start: [2, 1] },
  steps: 2,
  seed: 1,
  runs: [
    { label: 'SGD', optimizer: { kind: 'sgd', lr: 0.25 } },
    { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.25, momentum: 0.5 } },
  ],
});

describe('history export', () => {
  it('writes the hand-traced records of a bowl as CSV', () => {
    const { live } = liveHistory(bowl);
    const csv = historyCsv(historyRecords(live, bowl)).trim().split('\n');
    // SGD: θ0 = (2, 1), f = 5, ∇f = (4, 2); θ1 = θ0 − 0.25·∇f = (1, 0.5), f = 1.25, ∇f = (2, 1);
    // θ2 = (0.5, 0.25), f = 0.3125.
    // Momentum (classic): v1 = 0.25·(4, 2) = (1, 0.5), θ1 = (1, 0.5);
    // v2 = 0.5·v1 + 0.25·(2, 1) = (1, 0.5), θ2 = (0, 0); the final record has no update, so its state is the last one.
    expect(csv[0]).toBe(
      'run,step,loss,params_0,params_1,grad_0,grad_1,lr,state.velocity_0,state.velocity_1',
    );
    expect(csv.slice(1)).toEqual([
      'SGD,0,5,2,1,4,2,0.25,,',
      'SGD,1,1.25,1,0.5,2,1,0.25,,',
      expect.stringMatching(/^SGD,2,0\.3125,0\.5,0\.25,1,0\.5,/),
      'momentum,0,5,2,1,4,2,0.25,1,0.5',
      'momentum,1,1.25,1,0.5,2,1,0.25,1,0.5',
      expect.stringMatching(/^momentum,2,0,0,0,0,0,/),
    ]);
  });

  it('matches the headless records field for field, as JSON', () => {
    const experiment = parseExperiment({
      problem: { kind: 'regression', samples: 32, noise: 0.3 },
      steps: 40,
      seed: 9,
      runs: [
        { label: 'mini-batch', batchSize: 4, optimizer: { kind: 'adam', lr: 0.1 } },
        { label: 'full', optimizer: { kind: 'sgd', lr: 0.1 } },
      ],
    });
    const { live, records } = liveHistory(experiment);
    const exported = JSON.parse(historyJson(historyRecords(live, experiment))) as StepRecord[];
    expect(exported).toHaveLength(records.length);
    const byKey = new Map(records.map((r) => [`${r.run}|${r.step}`, r]));
    for (const row of exported) {
      const original = byKey.get(`${row.run}|${row.step}`)!;
      expect(row.loss).toBe(original.loss);
      expect(row.lr).toBe(original.lr);
      expect(row.params).toEqual(original.params);
      expect(row.grad).toEqual(original.grad);
      expect(row.samplesSeen).toBe(original.samplesSeen);
      const name = row.run === 'full' ? null : 'm';
      expect(row.state).toEqual(name ? { m: original.state.m } : {});
    }
  });

  it('marks the final record of a diverged run with the reason', () => {
    const experiment = parseExperiment({
      problem: { kind: 'surface', surface: 'custom', expression: 'x^2 + y^2', start: [2, 1] },
      steps: 5000,
      seed: 1,
      runs: [{ label: 'too fast', optimizer: { kind: 'sgd', lr: 1.5 } }],
    });
    const { live, records } = liveHistory(experiment);
    const exported = historyRecords(live, experiment);
    const last = exported.at(-1)!;
    expect(records.at(-1)!.diverged).toBe(true);
    expect(last.diverged).toBe(true);
    expect(last.reason).toBe(englishReason(records.at(-1)!.divergence!));
    expect(last.reason).toMatch(/^loss became Infinity at step \d+ with η = 1\.5$/);
    expect(exported.filter((r) => r.diverged)).toHaveLength(1);
    const csv = historyCsv(exported).trim().split('\n');
    expect(csv[0]!.endsWith(',diverged,reason')).toBe(true);
    expect(csv.at(-1)).toMatch(/,true,[^,]+$/);
  });

  it('quotes cells with commas and quotes, and exports nothing as an empty array', () => {
    const csv = historyCsv([{ run: 'a, "b"', step: 0, loss: NaN, lr: Infinity, state: {} }]);
    expect(csv).toBe('run,step,loss,lr\n"a, ""b""",0,NaN,Infinity\n');
    expect(historyJson([])).toBe('[]\n');
  });

  it('neutralise labels a spreadsheet would run as formulas (OWASP), keeping numbers as numbers', () => {
    const row = (run: string) =>
      historyCsv([{ run, step: 0, loss: -1.5, lr: 0.1, state: {} }]).split('\n')[1];
    expect(row('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")",0,-1.5,0.1`);
    expect(row("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0,0,-1.5,0.1");
    expect(row('-2')).toBe("'-2,0,-1.5,0.1");
    expect(row('@SUM(A1)')).toBe("'@SUM(A1),0,-1.5,0.1");
    expect(row('\tx')).toBe("'\tx,0,-1.5,0.1");
    expect(row('\rx')).toBe(`"'\rx",0,-1.5,0.1`);
    expect(row('a\rb')).toBe('"a\rb",0,-1.5,0.1');
  });
});

describe('export file names', () => {
  it('slug the title, keep Chinese, and date the file', () => {
    const day = new Date(2025, 5, 1);
    expect(exportFileName('Ravine: SGD vs momentum', 'csv', day)).toBe(
      'descent-lab-ravine-sgd-vs-momentum-2025-06-01.csv',
    );
    expect(exportFileName('动量 vs Adam', 'png', day)).toBe(
      'descent-lab-动量-vs-adam-2025-06-01.png',
    );
    expect(exportFileName('Café!', 'json', day)).toBe('descent-lab-cafe-2025-06-01.json');
    expect(exportFileName('', 'svg', day)).toBe('descent-lab-2025-06-01.svg');
  });
});
