/** Lesson 7: learning-rate decay — step, exponential, inverse-time, cosine — and SGD settling. */
import type { Lesson } from '../lesson.ts';
import { choice, text } from './text.ts';

const data = { kind: 'regression', samples: 64, noise: 0.8, start: [-2, 3] };

export const schedules: Lesson = {
  id: 'schedules',
  title: text('Learning-rate decay', '学习率衰减'),
  summary: text(
    'Why stochastic gradient descent needs a decaying learning rate, and four ways to decay it.',
    '为什么随机梯度下降需要衰减的学习率，以及四种衰减方式。',
  ),
  steps: [
    {
      id: 'dilemma',
      prediction: choice(
        text(
          'Which run ends lower (mean of its last 50 steps)?',
          '哪次运行最终更低（按最后 50 步的平均值）？',
        ),
        [
          [
            'large',
            'η = 0.1',
            'η = 0.1',
            { kind: 'endsLowerThan', run: 'η = 0.1', other: 'η = 0.01', window: 50 },
          ],
          [
            'small',
            'η = 0.01',
            'η = 0.01',
            { kind: 'endsLowerThan', run: 'η = 0.01', other: 'η = 0.1', window: 50 },
          ],
        ],
      ),
      title: text('Fast or precise?', '要快还是要准？'),
      narration: text(
        'Stochastic gradient descent (one sample per step) on the line fit, with two constant learning rates: η = 0.1 and η = 0.01.',
        '在直线拟合上做随机梯度下降（每步一个样本），使用两个固定学习率：η = 0.1 和 η = 0.01。',
      ),
      task: text(
        'Predict which run gets near the bottom first, and which ends lower. Press Play.',
        '预测哪次运行先接近谷底，哪个最终更低。按“播放”。',
      ),
      experiment: {
        problem: data,
        steps: 400,
        seed: 4,
        runs: [
          { label: 'η = 0.1', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.1 } },
          { label: 'η = 0.01', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.01 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          {
            kind: 'fasterThan',
            run: 'η = 0.1',
            other: 'η = 0.01',
            threshold: 0.6,
            measure: 'steps',
          },
          { kind: 'endsLowerThan', run: 'η = 0.01', other: 'η = 0.1', window: 50 },
        ],
      },
      goal: text(
        '“η = 0.1” gets below 0.6 first, but “η = 0.01” ends lower (mean of the last 50 steps).',
        '“η = 0.1”先降到 0.6 以下，但“η = 0.01”最终更低（按最后 50 步的平均值）。',
      ),
      explanation: text(
        'A large η gets there fast but keeps bouncing, because every single-sample gradient is noisy. A small η is precise but slow. We want both: large steps early, small steps late.',
        '大的 η 到得快，但会一直跳动，因为每个单样本梯度都有噪声。小的 η 准确但很慢。我们两者都想要：早期迈大步，后期迈小步。',
      ),
    },
    {
      id: 'four-schedules',
      title: text('Four schedules', '四种调度'),
      narration: text(
        'All five runs start at η₀ = 0.1 and take single-sample steps:\n\n• constant: η stays 0.1.\n• step: η is multiplied by 0.3 every 100 steps.\n• exponential: $\\eta_t = \\eta_0 \\cdot 0.99^t$.\n• inverse time: $\\eta_t = \\eta_0/(1 + 0.02\\,t)$.\n• cosine: η falls along half a cosine wave to 0 at step 400.\n\nThe η(t) plot shows each schedule.',
        '五次运行都从 η₀ = 0.1 开始，每步用一个样本：\n\n• 恒定：η 保持 0.1。\n• 阶梯：每 100 步把 η 乘以 0.3。\n• 指数：$\\eta_t = \\eta_0 \\cdot 0.99^t$。\n• 逆时：$\\eta_t = \\eta_0/(1 + 0.02\\,t)$。\n• 余弦：η 沿半个余弦波在第 400 步降到 0。\n\nη(t) 图展示了每种调度。',
      ),
      task: text(
        'Predict which runs end lowest. Press Play and compare the final losses in the results table.',
        '预测哪些运行最终最低。按“播放”，在结果表中比较最终损失。',
      ),
      experiment: {
        problem: data,
        steps: 400,
        seed: 4,
        runs: [
          { label: 'constant', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.1 } },
          {
            label: 'step',
            batchSize: 1,
            optimizer: { kind: 'sgd', lr: 0.1 },
            schedule: { kind: 'step', stepSize: 100, gamma: 0.3 },
          },
          {
            label: 'exponential',
            batchSize: 1,
            optimizer: { kind: 'sgd', lr: 0.1 },
            schedule: { kind: 'exponential', gamma: 0.99 },
          },
          {
            label: 'inverse time',
            batchSize: 1,
            optimizer: { kind: 'sgd', lr: 0.1 },
            schedule: { kind: 'inverseTime', decayRate: 0.02 },
          },
          {
            label: 'cosine',
            batchSize: 1,
            optimizer: { kind: 'sgd', lr: 0.1 },
            schedule: { kind: 'cosine', tMax: 400 },
          },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: ['step', 'exponential', 'inverse time', 'cosine'].map((run) => ({
          kind: 'endsLowerThan' as const,
          run,
          other: 'constant',
          window: 50,
        })),
      },
      goal: text(
        'Every decaying schedule ends lower than “constant” (mean of the last 50 steps).',
        '每种衰减调度的最终损失都低于“恒定”（按最后 50 步的平均值）。',
      ),
      explanation: text(
        'Early on every run moves as fast as the constant one; as η shrinks, the noise ball shrinks with it and the runs settle near the true minimum. Theory asks for $\\sum_t \\eta_t = \\infty$ (to get anywhere) and $\\sum_t \\eta_t^2 < \\infty$ (to stop the noise) — inverse-time decay satisfies both. In practice step, exponential and cosine decay are the common choices.',
        '早期每次运行都和固定学习率一样快；随着 η 变小，噪声球也随之缩小，运行就稳定在真正的最小值附近。理论要求 $\\sum_t \\eta_t = \\infty$（才能走得足够远）且 $\\sum_t \\eta_t^2 < \\infty$（才能压住噪声）——逆时衰减同时满足两者。实践中阶梯、指数和余弦衰减最常用。',
      ),
    },
  ],
};
