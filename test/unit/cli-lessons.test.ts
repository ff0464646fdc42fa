/** `descent-lab lessons`: the catalogue as JSON and the printable handouts, as a user runs it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/core/lessons/index.ts';

function cli(args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lessons command', () => {
  it('prints the catalogue: ids, steps, texts in both languages, checkpoints and predictions', () => {
    const { code, stdout } = cli(['lessons', '--format', 'json']);
    expect(code).toBe(0);
    const catalogue = JSON.parse(stdout) as Array<{
      id: string;
      title: { en: string; 'zh-CN': string };
      steps: Array<{
        id: string;
        checkpoint: { kind: string };
        prediction?: { options: unknown[] };
      }>;
    }>;
    expect(catalogue.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
    expect(catalogue[0]!.title).toEqual({ en: 'Gradient descent', 'zh-CN': '梯度下降' });
    expect(catalogue[0]!.steps[1]!.checkpoint).toEqual({
      kind: 'fasterThan',
      run: 'η = 0.3',
      other: 'η = 0.05',
      threshold: 1e-3,
      measure: 'steps',
    });
    expect(catalogue.every((l) => l.steps.some((s) => s.prediction))).toBe(true);
  });

  it('prints a handout in English or Chinese, with space to answer each prediction', () => {
    const en = cli(['lessons', '--format', 'md', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('# Gradient descent');
    expect(en.stdout).toContain('**Predict:** Which run reaches a loss of 0.001 first?');
    expect(en.stdout).toContain('- [ ] η = 0.3');
    const zh = cli(['lessons', '--format', 'md', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('# 梯度下降');
    expect(zh.stdout).toContain('**预测：** 哪次运行先把损失降到 0.001？');
    expect(zh.stdout).toContain('你的答案和理由：');
  });

  it('refuses an unknown format or language with exit code 2', () => {
    for (const args of [
      ['lessons', '--format', 'xml'],
      ['lessons', '--format', 'md', '--lang', 'fr'],
    ]) {
      const { code, stderr } = cli(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/^descent-lab: --(format|lang) must be/);
    }
  });
});
