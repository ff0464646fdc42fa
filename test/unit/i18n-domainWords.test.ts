/**
 * Words the UI finds in English elsewhere and says in its own language: the errors of the
 * worker and the MNIST loader (taken from the code that writes them, so a reworded source
 * breaks here), divergence reasons' non-finite values, surface names and live-change markers.
 */
import { describe, expect, it } from 'vitest';
import { MNIST_FORMAT_VERSION, MNIST_HEADER_BYTES } from '../../src/core/cnn/data/mnistFormat.ts';
import type { Problem } from '../../src/core/config/experiment.ts';
import {
  divergenceText,
  problemSurfaceTitle,
  systemErrorText,
  translator,
} from '../../src/i18n/index.ts';
import { checkMnistHeader } from '../../src/store/datasetLoader.ts';
import { liveEventText } from '../../src/ui/analysis/liveEventText.ts';
import { describeEvent } from '../../src/ui/liveViews.ts';
import type { WorkerMessage } from '../../src/worker/protocol.ts';
import { TrainingHost } from '../../src/worker/trainingHost.ts';

const en = translator('en');
const zh = translator('zh-CN');

/** The error the training host reports for `command`. */
function hostError(command: Parameters<TrainingHost['handle']>[0]): string {
  const posted: WorkerMessage[] = [];
  const host = new TrainingHost({
    post: (message) => posted.push(message),
    now: () => 0,
    schedule: () => () => {},
    createTrainers: () => [],
  });
  host.handle(command);
  const error = posted.find((m) => m.type === 'error');
  if (error?.type !== 'error') throw new Error('no error posted');
  return error.message;
}

/** A header of `bytes` bytes: magic, format version, and the payload length it promises. */
function mnistFile(bytes: number, magic: string, version: number, payload: number): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes);
  const view = new DataView(buffer);
  for (let i = 0; i < 8 && i < bytes; i++) view.setUint8(i, magic.charCodeAt(i) || 0);
  if (bytes >= MNIST_HEADER_BYTES) {
    view.setUint32(8, version, true);
    view.setUint32(24, payload, true);
  }
  return buffer;
}

describe('systemErrorText', () => {
  it('says the worker host’s errors in Chinese and leaves the English as it was', () => {
    const crash = hostError({ type: 'crash' });
    expect(systemErrorText(crash, en)).toBe(crash);
    expect(systemErrorText(crash, zh)).toBe('后台训练线程按要求崩溃（测试）');
    const protocol = hostError({
      type: 'init',
      protocol: 999,
      experiment: null as never,
    });
    expect(systemErrorText(protocol, en)).toBe(protocol);
    expect(systemErrorText(protocol, zh)).toMatch(
      /^页面的协议版本 999 与后台训练线程的 \d+ 不一致；请重新加载页面$/,
    );
  });

  it('says every MNIST header problem in Chinese, inside the download failure', () => {
    const v = MNIST_FORMAT_VERSION;
    const problems = [
      mnistFile(10, 'DLMNIST\0', v, 0), // shorter than the 32-byte header
      mnistFile(MNIST_HEADER_BYTES, '<!doctyp', v, 0), // a web page
      mnistFile(MNIST_HEADER_BYTES, 'DLMNIST\0', v + 1, 0), // a newer format
      mnistFile(MNIST_HEADER_BYTES + 5, 'DLMNIST\0', v, 4), // one byte too many
    ].map((bytes) => checkMnistHeader(bytes)!);
    const words = problems.map((p) =>
      systemErrorText(`could not load the MNIST digits (data/mnist.bin): ${p}`, zh),
    );
    expect(words).toEqual([
      '无法加载 MNIST 手写数字（data/mnist.bin）：文件只有 10 字节，比它 32 字节的文件头还短',
      '无法加载 MNIST 手写数字（data/mnist.bin）：这不是 Descent Lab 的 MNIST 数据文件（也许取到的是网页而不是数据？）',
      `无法加载 MNIST 手写数字（data/mnist.bin）：文件格式版本为 ${v + 1}，本页面只能读取版本 ${v}`,
      '无法加载 MNIST 手写数字（data/mnist.bin）：文件被截断或多出内容：实际 37 字节，文件头声明的是 36 字节',
    ]);
    for (const p of problems) expect(systemErrorText(p, en)).toBe(p);
  });

  it('keeps the browser’s own words and rewords only its “unknown error”', () => {
    expect(systemErrorText('the training worker stopped: out of memory', zh)).toBe(
      '后台训练线程已停止：out of memory',
    );
    expect(systemErrorText('the training worker stopped: unknown error', zh)).toBe(
      '后台训练线程已停止：未知错误',
    );
    expect(systemErrorText('could not start a training worker: blocked by CSP', zh)).toBe(
      '无法启动后台训练线程：blocked by CSP',
    );
    expect(systemErrorText('something nobody planned for', zh)).toBe(
      'something nobody planned for',
    );
  });
});

describe('divergenceText', () => {
  it('names the non-finite value in the UI language', () => {
    const loss = { quantity: 'loss', value: 'Infinity', step: 183, lr: 0.8 } as const;
    expect(divergenceText(loss, en)).toBe('loss became Infinity at step 183 with η = 0.8');
    expect(divergenceText(loss, zh)).toBe('损失在第 183 步变成了 正无穷大（η = 0.8）');
    const parameter = { quantity: 'parameter', value: 'NaN', step: 5, lr: null } as const;
    expect(divergenceText(parameter, zh)).toBe('某个参数在第 5 步变成了 NaN（非数）');
    const gradient = { quantity: 'gradient', value: '-Infinity', step: 2, lr: null } as const;
    expect(divergenceText(gradient, zh)).toBe('梯度在第 2 步变成了 负无穷大');
    expect(divergenceText(gradient, en)).toBe('the gradient became -Infinity at step 2');
  });
});

describe('problemSurfaceTitle', () => {
  it('names the surface a problem draws', () => {
    const surface = (name: string): Problem =>
      ({ kind: 'surface', surface: name, start: [0, 0] }) as never;
    expect(problemSurfaceTitle(surface('rosenbrock'), zh)).toBe('Rosenbrock 香蕉函数');
    expect(problemSurfaceTitle(surface('quadratic'), en)).toBe('Ill-conditioned quadratic');
    expect(problemSurfaceTitle(surface('custom'), zh)).toBe('自定义公式');
    expect(problemSurfaceTitle({ kind: 'regression' } as never, zh)).toBe('直线拟合的损失');
    expect(problemSurfaceTitle({ kind: 'cnn' } as never, zh)).toBe('');
  });
});

describe('liveEventText', () => {
  const event = (field: string, from: string, to: string) => ({
    label: 'SGD',
    step: 3,
    field,
    from,
    to,
  });

  it('reads like the English marker for a symbol, in Chinese for the rest', () => {
    const lr = event('optimizer.lr', '0.1', '0.05');
    expect(liveEventText(lr, en)).toBe(describeEvent(lr));
    expect(liveEventText(lr, zh)).toBe('SGD：η 由 0.1 改为 0.05');
    expect(liveEventText(event('batchSize', '8', 'all'), zh)).toBe('SGD：批量大小 由 8 改为 全部');
    expect(liveEventText(event('schedule.kind', 'constant', 'cosine'), zh)).toBe(
      'SGD：调度 由 恒定 改为 余弦退火',
    );
    expect(liveEventText(event('optimizer.nesterov', 'false', 'true'), zh)).toBe(
      'SGD：Nesterov 前瞻 由 关闭 改为 开启',
    );
    expect(liveEventText(event('optimizer.kind', 'sgd', 'adam'), zh)).toBe(
      'SGD：优化器 由 SGD（随机梯度下降） 改为 Adam（自适应矩估计）',
    );
    // An unknown field keeps its path; an unknown word passes through.
    expect(liveEventText(event('optimizer.future', 'x', 'y'), zh)).toBe(
      'SGD：optimizer.future 由 x 改为 y',
    );
  });
});
