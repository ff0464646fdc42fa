/** Lesson 10: local minima and saddles — Himmelblau, the saddle, Rastrigin. */
import type { Lesson } from '../lesson.ts';
import { choice, text } from './text.ts';

const rastrigin = { kind: 'surface', surface: 'rastrigin' } as const;

export const minimaAndSaddles: Lesson = {
  id: 'minima-and-saddles',
  title: text('Local minima and saddles', '局部极小值与鞍点'),
  summary: text(
    'On non-convex surfaces, where each optimizer ends up depends on how it moves.',
    '在非凸曲面上，每个优化器最终停在哪里取决于它怎样移动。',
  ),
  steps: [
    {
      id: 'himmelblau',
      prediction: choice(text('Where will “momentum” end?', '“动量”最终会停在哪里？'), [
        [
          'ne',
          'near (3, 2)',
          '(3, 2) 附近',
          { kind: 'endsNear', run: 'momentum', point: [3, 2], radius: 0.01 },
        ],
        [
          'nw',
          'near (−2.81, 3.13)',
          '(−2.81, 3.13) 附近',
          { kind: 'endsNear', run: 'momentum', point: [-2.805118, 3.131312], radius: 0.01 },
        ],
        [
          'sw',
          'near (−3.78, −3.28)',
          '(−3.78, −3.28) 附近',
          { kind: 'endsNear', run: 'momentum', point: [-3.77931, -3.283186], radius: 0.01 },
        ],
        [
          'se',
          'near (3.58, −1.85)',
          '(3.58, −1.85) 附近',
          { kind: 'endsNear', run: 'momentum', point: [3.584428, -1.848126], radius: 0.01 },
        ],
      ]),
      title: text('Four valleys', '四个山谷'),
      narration: text(
        'Himmelblau’s function has four minima, all with f = 0: near (3, 2), (−2.81, 3.13), (−3.78, −3.28) and (3.58, −1.85). Every run starts at (0, 0) with the same η.',
        'Himmelblau 函数有四个极小值，函数值都是 0：分别在 (3, 2)、(−2.81, 3.13)、(−3.78, −3.28) 和 (3.58, −1.85) 附近。每次运行都从 (0, 0) 出发，η 相同。',
      ),
      task: text(
        'Predict where “GD” and “momentum” will end. Press Play.',
        '预测“GD”和“动量”最终会停在哪里。按“播放”。',
      ),
      experiment: {
        problem: { kind: 'surface', surface: 'himmelblau', start: [0, 0] },
        steps: 500,
        seed: 1,
        runs: [
          { label: 'GD', optimizer: { kind: 'sgd', lr: 0.01 } },
          { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'endsNear', run: 'GD', point: [3, 2], radius: 0.01 },
          { kind: 'endsNear', run: 'momentum', point: [3.584428, -1.848126], radius: 0.01 },
        ],
      },
      goal: text(
        '“GD” ends at (3, 2) and “momentum” at (3.58, −1.85).',
        '“GD”停在 (3, 2)，“动量”停在 (3.58, −1.85)。',
      ),
      explanation: text(
        'Same start, same gradient, different minima: momentum’s speed carries it over the ridge into the neighbouring valley. On a non-convex loss the optimizer is part of the answer, not just a way to find it.',
        '同样的起点、同样的梯度，却到达不同的极小值：动量的速度带着它越过山脊，进入了相邻的山谷。在非凸损失上，优化器本身就是答案的一部分，而不仅仅是寻找答案的方法。',
      ),
    },
    {
      id: 'saddle',
      title: text('Stuck at a saddle', '困在鞍点'),
      narration: text(
        '$f(x, y) = x^2 - y^2$ curves up along x and down along y: the origin is a saddle: the gradient is zero there, but the curvature is +2 along x and −2 along y. The runs start just off the ridge, at (−1.5, 0.01), where the push along y is tiny.',
        '$f(x, y) = x^2 - y^2$ 沿 x 方向向上弯、沿 y 方向向下弯：原点是一个鞍点：那里梯度为零，但沿 x 方向的曲率是 +2，沿 y 方向是 −2。运行从山脊旁边的 (−1.5, 0.01) 出发，那里沿 y 方向的推力非常小。',
      ),
      task: text(
        'Predict which run escapes first (the loss drops below −1). Press Play.',
        '预测哪次运行先逃离（损失降到 −1 以下）。按“播放”。',
      ),
      experiment: {
        problem: { kind: 'surface', surface: 'saddle' },
        steps: 200,
        seed: 1,
        runs: [
          { label: 'GD', optimizer: { kind: 'sgd', lr: 0.05 } },
          { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.05, momentum: 0.9 } },
          { label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'momentum',
        other: 'GD',
        threshold: -1,
        measure: 'steps',
      },
      goal: text(
        '“momentum” escapes (loss below −1) before “GD”.',
        '“动量”比“GD”先逃离（损失低于 −1）。',
      ),
      explanation: text(
        'GD slides towards the saddle and lingers: the y-component grows by only 1 + 2η = 1.1 per step. Momentum keeps accumulating that small push, and Adam rescales it to a full-size step, so both escape much sooner. In high dimensions saddles are far more common than local minima, which is one reason these methods train networks well.',
        'GD 滑向鞍点并在那里徘徊：y 分量每步只增长到 1 + 2η = 1.1 倍。动量不断累积这个微小的推力，Adam 则把它放大成完整的一步，所以二者都更早逃离。在高维空间中，鞍点比局部极小值常见得多，这也是这些方法训练神经网络效果好的原因之一。',
      ),
    },
    {
      id: 'rastrigin',
      title: text('An egg box of minima', '布满极小值的蛋托'),
      narration: text(
        'Rastrigin’s function is a bowl covered with bumps: a local minimum near every integer point, the global one at (0, 0). The runs start at (−2.2, 3.3).',
        'Rastrigin 函数是一个布满凸起的碗：每个整数点附近都有一个局部极小值，全局极小值在 (0, 0)。运行从 (−2.2, 3.3) 出发。',
      ),
      task: text(
        'Predict whether any of these optimizers finds the global minimum. Press Play.',
        '预测这些优化器中有没有能找到全局极小值的。按“播放”。',
      ),
      experiment: {
        problem: rastrigin,
        steps: 300,
        seed: 1,
        runs: [
          { label: 'GD', optimizer: { kind: 'sgd', lr: 0.002 } },
          { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.002, momentum: 0.9 } },
          { label: 'Adam', optimizer: { kind: 'adam', lr: 0.1 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: ['GD', 'momentum', 'Adam'].map((run) => ({
          kind: 'finalLoss' as const,
          run,
          above: 10,
        })),
      },
      goal: text('All three runs finish with a loss above 10.', '三次运行最终的损失都高于 10。'),
      explanation: text(
        'All three settle in the nearest dip, near (−2, 3) with f ≈ 12.9. Gradients only see the local slope; nothing in them knows about the deeper minimum further away.',
        '三次运行都停在最近的凹陷处，在 (−2, 3) 附近，f ≈ 12.9。梯度只能看到局部的坡度，它们对远处更深的极小值一无所知。',
      ),
    },
    {
      id: 'annealing',
      title: text('Shaking loose', '抖出困境'),
      narration: text(
        'Now every gradient carries random noise (standard deviation 10), like a very small mini-batch. One run keeps η = 0.01; the other lowers it along a cosine to 0 by the last step.',
        '现在每个梯度都带有随机噪声（标准差 10），就像一个非常小的小批量。一次运行保持 η = 0.01；另一个沿余弦曲线把 η 在最后一步降到 0。',
      ),
      task: text(
        'Predict which run ends lower. Press Play at Maximum speed.',
        '预测哪次运行最终更低。用最大速度按“播放”。',
      ),
      experiment: {
        problem: { ...rastrigin, gradientNoise: 10 },
        steps: 1000,
        seed: 1,
        runs: [
          { label: 'noisy, constant η', optimizer: { kind: 'sgd', lr: 0.01 } },
          {
            label: 'noisy, cosine η',
            optimizer: { kind: 'sgd', lr: 0.01 },
            schedule: { kind: 'cosine', tMax: 1000 },
          },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'finalLoss', run: 'noisy, cosine η', below: 2, window: 50 },
          {
            kind: 'endsLowerThan',
            run: 'noisy, cosine η',
            other: 'noisy, constant η',
            window: 50,
          },
        ],
      },
      goal: text(
        '“noisy, cosine η” ends below 2, lower than “noisy, constant η”.',
        '“带噪声、η 按余弦”最终低于 2，并且低于“带噪声、η 恒定”。',
      ),
      explanation: text(
        'Noise kicks the runs out of shallow dips, and the bowl’s overall slope drifts them towards the centre. With a constant η they never settle; as the cosine schedule cools η, the run comes to rest in a deep dip next to the global minimum. This is simulated annealing in miniature — and a second reason why stochastic gradients are not only a cost.',
        '噪声把运行从浅凹陷中踢出来，而碗的整体坡度把它们推向中心。在固定的 η 下它们永远停不下来；当余弦调度让 η 逐渐“冷却”时，运行停在全局极小值旁边的一个深凹陷里。这就是一个微型的模拟退火——也是随机梯度不只是代价的第二个原因。',
      ),
    },
  ],
};
