/**
 * The Chinese text uses the standard terms, consistently: 卷积核 not 滤波器, 特征图 not 激活图,
 * 等高线图 not 地图, 振荡 not 震荡, 稳定性上限 not 稳定性极限, 重球法 not 沉重的小球, 逆时衰减 not
 * 反时衰减, 过关目标 not 检查点 (which means a model checkpoint); 步长 is η, so the step-decay
 * interval and the Δθ arrow are named otherwise; 运行 is not counted with 个; and run labels
 * quoted inside Chinese lesson text get Chinese display names.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS, type LocalizedText } from '../../src/core/lessons/index.ts';
import { zhCN } from '../../src/i18n/messages/zhCN.ts';
import { cnnZhCN } from '../../src/ui/cnn/cnnMessages.ts';

const BANNED: readonly [RegExp, string][] = [
  [/滤波器/, '卷积核'],
  [/激活图/, '特征图'],
  [/地图/, '等高线图'],
  [/震荡/, '振荡'],
  [/稳定性极限/, '稳定性上限'],
  [/沉重的小球/, '重球法'],
  [/反时衰减/, '逆时衰减'],
  [/检查点/, '过关目标'],
  [/步长间隔|步长箭头|步长均方/, '衰减间隔（步数）/ 更新量箭头'],
  [/[\d两三四五六七八九十每哪这那某各}]\s*个运行/, '两次运行 / 两条轨迹'],
  [/平均来说是对的，但每一次都有偏差/, '估计是无偏的，但每一次都有随机误差'],
];

/** Every Chinese lesson text, with where it is. */
function lessonTexts(): [string, string][] {
  const out: [string, string][] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record['zh-CN'] === 'string' && typeof record['en'] === 'string') {
      out.push([path, (record as unknown as LocalizedText)['zh-CN']]);
      return;
    }
    for (const [key, child] of Object.entries(record))
      if (key !== 'experiment' && key !== 'solution') visit(child, `${path}.${key}`);
  };
  for (const lesson of LESSONS) visit(lesson, lesson.id);
  return out;
}

const allTexts = (): [string, string][] => [
  ...Object.entries(zhCN).map(([k, v]) => [`zhCN ${k}`, String(v)] as [string, string]),
  ...Object.entries(cnnZhCN).map(([k, v]) => [`cnn ${k}`, String(v)] as [string, string]),
  ...lessonTexts(),
];

describe('Chinese terms', () => {
  it('reads every catalogue and lesson text', () => {
    expect(lessonTexts().length).toBeGreaterThan(150);
  });

  it.each(BANNED)('never writes %s (use %s)', (pattern) => {
    const found = allTexts().filter(([, text]) => pattern.test(text));
    expect(found.map(([where, text]) => `${where}: ${text}`)).toEqual([]);
  });

  it('quotes runs by Chinese display names, not by English labels, inside lesson text', () => {
    // Names kept as the literature writes them: optimizers, the library, GD, η = … labels.
    const kept =
      /^(GD|SGD|Adam|AdamW|AdaGrad|RMSprop|Nesterov|PyTorch|Adam \+ L2|GD η = [\d.]+|[ηγ]\*? = [\d.]+|[^A-Za-z]*)$/;
    const found: string[] = [];
    for (const [where, text] of lessonTexts())
      for (const [, quoted] of text.matchAll(/“([^”]+)”/g))
        if (/[A-Za-z]{3,}/.test(quoted!) && !kept.test(quoted!))
          found.push(`${where}: “${quoted}”`);
    expect(found).toEqual([]);
  });
});
