/** Lesson 1: a step against the gradient, and what the learning rate does. */
import type { Lesson } from '../lesson.ts';
import { quadratic, text, whichFirst } from './text.ts';

export const gradientDescent: Lesson = {
  id: 'gradient-descent',
  title: text('Gradient descent', '梯度下降'),
  summary: text(
    'Step against the gradient, and see what the learning rate η does to each step.',
    '沿梯度的反方向走一步，看看学习率 η 如何决定每一步的大小。',
  ),
  steps: [
    {
      id: 'downhill',
      title: text('Downhill, one step at a time', '一步一步走下坡'),
      narration: text(
        'The map shows a loss surface $f(x, y)$ from above: each contour line joins points of equal loss, and the minimum is marked at the centre.\n\nThe gradient $\\nabla f$ points uphill, across the contour lines. Gradient descent takes a step the other way: $\\theta \\leftarrow \\theta - \\eta\\,\\nabla f(\\theta)$, where η is the learning rate.',
        '等高线图从上方展示损失曲面 $f(x, y)$：每条等高线连接损失相同的点，中心标出了最小值。\n\n梯度 $\\nabla f$ 指向上坡方向，与等高线垂直。梯度下降朝相反方向迈一步：$\\theta \\leftarrow \\theta - \\eta\\,\\nabla f(\\theta)$，其中 η 是学习率。',
      ),
      task: text(
        'Press Play and watch the point. Does it head straight for the minimum?',
        '按“播放”，观察这个点。它是直奔最小值而去的吗？',
      ),
      experiment: {
        problem: quadratic(4),
        steps: 100,
        seed: 1,
        runs: [{ label: 'GD', optimizer: { kind: 'sgd', lr: 0.1 } }],
      },
      checkpoint: { kind: 'lossBelow', run: 'GD', threshold: 0.05 },
      goal: text('The loss of “GD” falls below 0.05.', '“GD”的损失降到 0.05 以下。'),
      explanation: text(
        'Each step is perpendicular to the contour line it starts on, so the path curves: it first drops down the steep direction, then creeps along the shallow one. The steps shrink by themselves, because the gradient shrinks near the minimum.',
        '每一步都与出发点所在的等高线垂直，所以路径是弯的：先沿陡峭方向下降，再沿平缓方向慢慢前进。步子会自动变小，因为越靠近最小值，梯度越小。',
      ),
    },
    {
      id: 'step-size',
      prediction: whichFirst(
        text('Which run reaches a loss of 0.001 first?', '哪次运行先把损失降到 0.001？'),
        [
          ['η = 0.05', 'η = 0.05'],
          ['η = 0.3', 'η = 0.3'],
        ],
        1e-3,
      ),
      title: text('Step size = η × slope', '每一步 = η × 坡度'),
      narration: text(
        'Two runs start from the same point on the same surface. The only difference is the learning rate: η = 0.05 and η = 0.3.\n\nThe step is η times the gradient, so the second run takes six times longer steps.',
        '两次运行在同一曲面上从同一点出发，唯一的区别是学习率：η = 0.05 和 η = 0.3。\n\n每一步的大小等于 η 乘以梯度，所以第二次运行的步子长了六倍。',
      ),
      task: text(
        'Predict which run reaches a loss of 0.001 first, and how much sooner. Then press Play.',
        '先预测哪次运行先把损失降到 0.001，会快多少。然后按“播放”。',
      ),
      experiment: {
        problem: quadratic(4),
        steps: 150,
        seed: 1,
        runs: [
          { label: 'η = 0.05', optimizer: { kind: 'sgd', lr: 0.05 } },
          { label: 'η = 0.3', optimizer: { kind: 'sgd', lr: 0.3 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'η = 0.3',
        other: 'η = 0.05',
        threshold: 1e-3,
        measure: 'steps',
      },
      goal: text(
        '“η = 0.3” reaches a loss below 0.001 before “η = 0.05”.',
        '“η = 0.3”比“η = 0.05”先把损失降到 0.001 以下。',
      ),
      explanation: text(
        'Along the shallow direction (curvature λ = 0.25) each step shrinks the distance by the factor $1 - \\eta\\lambda$: 0.9875 for η = 0.05 but 0.925 for η = 0.3. After 150 steps the small learning rate has still not arrived.',
        '沿平缓方向（曲率 λ = 0.25），每一步把距离乘以 $1 - \\eta\\lambda$：η = 0.05 时是 0.9875，η = 0.3 时是 0.925。150 步之后，小学习率的运行还没有到达。',
      ),
    },
    {
      id: 'your-turn',
      title: text('Your turn: make it fast', '动手试试：让它更快'),
      narration: text(
        'This run has only 30 steps. With η = 0.1 it ends far from the minimum.',
        '这次运行只有 30 步。在 η = 0.1 时，它停在离最小值很远的地方。',
      ),
      task: text(
        'Raise the learning rate of “GD” until the loss gets below 0.0001 within the 30 steps. (Hint: try values up to 1.)',
        '调高“GD”的学习率，使损失在 30 步内降到 0.0001 以下。（提示：试试不超过 1 的值。）',
      ),
      experiment: {
        problem: quadratic(4),
        steps: 30,
        seed: 1,
        runs: [{ label: 'GD', optimizer: { kind: 'sgd', lr: 0.1 } }],
      },
      solution: {
        kind: 'edit',
        experiment: {
          problem: quadratic(4),
          steps: 30,
          seed: 1,
          runs: [{ label: 'GD', optimizer: { kind: 'sgd', lr: 0.9 } }],
        },
      },
      // Only a larger η gets there: not more steps, not a start moved nearer the minimum.
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'lossBelow', run: 'GD', threshold: 1e-4, byStep: 30 },
          { kind: 'startsNear', run: 'GD', point: [-4, 2], radius: 0.5 },
          { kind: 'rateAbove', run: 'GD', threshold: 0.1 },
        ],
      },
      goal: text(
        'From the marked start (−4, 2), with η above 0.1, the loss of “GD” falls below 0.0001 within 30 steps.',
        '从标出的起点 (−4, 2) 出发，η 大于 0.1，“GD”的损失在 30 步内降到 0.0001 以下。',
      ),
      explanation: text(
        'A larger η takes you there in fewer steps — up to a point. The next lesson finds that point.',
        '更大的 η 能用更少的步数到达——但有个限度。下一课就来找这个限度。',
      ),
    },
  ],
};
