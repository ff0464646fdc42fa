/** Lesson 2: learning rate too small, right, too large, and the 2/λmax limit. */
import type { Lesson } from '../lesson.ts';
import { choice, quadratic, text } from './text.ts';
import { smallNet } from './cnnExperiments.ts';

export const learningRate: Lesson = {
  id: 'learning-rate',
  title: text('Too small, just right, too large', '太小、刚好、太大'),
  summary: text(
    'Why a learning rate can be too small or too large, and the stability limit $\\eta < 2/\\lambda_{\\max}$.',
    '为什么学习率会太小或太大，以及稳定性上限 $\\eta < 2/\\lambda_{\\max}$。',
  ),
  steps: [
    {
      id: 'three-rates',
      prediction: choice(text('What will the run with η = 2.5 do?', 'η = 2.5 的运行会怎样？'), [
        [
          'settles',
          'It settles, fastest of the three',
          '稳定下来，而且三者中最快',
          { kind: 'lossBelow', run: 'η = 2.5', threshold: 1e-3 },
        ],
        ['diverges', 'It blows up', '发散', { kind: 'diverged', run: 'η = 2.5' }],
      ]),
      title: text('Three learning rates', '三个学习率'),
      narration: text(
        'This bowl has curvature $\\lambda_{\\max} = 1$ across the valley and $\\lambda_{\\min} = 0.1$ along it (condition number $\\kappa = 10$). Three runs use η = 0.1, η = 1 and η = 2.5.',
        '这个碗形曲面横跨山谷方向的曲率是 $\\lambda_{\\max} = 1$，沿山谷方向是 $\\lambda_{\\min} = 0.1$（条件数 $\\kappa = 10$）。三次运行分别使用 η = 0.1、η = 1 和 η = 2.5。',
      ),
      task: text(
        'Predict what each run will do. Then press Play (Maximum speed helps) and watch the loss plot on its log scale.',
        '预测每次运行会怎样。然后按“播放”（用最大速度更好），在对数刻度的损失图上观察。',
      ),
      experiment: {
        problem: quadratic(10),
        steps: 1000,
        seed: 1,
        runs: [
          { label: 'η = 0.1', optimizer: { kind: 'sgd', lr: 0.1 } },
          { label: 'η = 1', optimizer: { kind: 'sgd', lr: 1 } },
          { label: 'η = 2.5', optimizer: { kind: 'sgd', lr: 2.5 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'diverged', run: 'η = 2.5' },
          { kind: 'fasterThan', run: 'η = 1', other: 'η = 0.1', threshold: 1e-3, measure: 'steps' },
        ],
      },
      goal: text(
        '“η = 2.5” diverges, and “η = 1” reaches 0.001 before “η = 0.1”.',
        '“η = 2.5”发散，而“η = 1”比“η = 0.1”先到达 0.001。',
      ),
      explanation: text(
        'In the steep direction each step multiplies the distance to the minimum by $1 - \\eta\\lambda_{\\max}$. For η = 0.1 that is 0.9: slow but steady. For η = 1 it is 0: that direction is solved in one step. For η = 2.5 it is −1.5: every step overshoots to the other side, 1.5 times further out, and the run blows up.',
        '在陡峭方向上，每一步把到最小值的距离乘以 $1 - \\eta\\lambda_{\\max}$。η = 0.1 时是 0.9：慢但稳定。η = 1 时是 0：这个方向一步就到位。η = 2.5 时是 −1.5：每一步都冲到另一侧，而且远 1.5 倍，于是运行发散了。',
      ),
    },
    {
      id: 'the-limit',
      title: text('The limit: η < 2/λmax', '上限：η < 2/λmax'),
      narration: text(
        'The factor $1 - \\eta\\lambda_{\\max}$ has size below 1 exactly when $\\eta < 2/\\lambda_{\\max}$. Here $\\lambda_{\\max} = 1$, so the limit is η = 2. The explorer draws this limit on the learning-rate slider.\n\nTwo runs sit just either side of it: η = 1.9 and η = 2.1.',
        '当且仅当 $\\eta < 2/\\lambda_{\\max}$ 时，因子 $1 - \\eta\\lambda_{\\max}$ 的绝对值小于 1。这里 $\\lambda_{\\max} = 1$，所以上限是 η = 2。曲面探索在学习率滑块上画出了这个上限。\n\n两次运行分别位于上限两侧：η = 1.9 和 η = 2.1。',
      ),
      task: text(
        'Both zig-zag at first. Predict which one settles. Press Play at Maximum speed and be patient: one of them takes a few thousand steps to blow up.',
        '两者一开始都会来回振荡。预测哪一个会稳定下来。用最大速度按“播放”，耐心等待：其中一个要几千步才会发散。',
      ),
      experiment: {
        problem: quadratic(10),
        steps: 4000,
        seed: 1,
        runs: [
          { label: 'η = 1.9', optimizer: { kind: 'sgd', lr: 1.9 } },
          { label: 'η = 2.1', optimizer: { kind: 'sgd', lr: 2.1 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'lossBelow', run: 'η = 1.9', threshold: 1e-3 },
          { kind: 'diverged', run: 'η = 2.1' },
        ],
      },
      goal: text(
        '“η = 1.9” gets below 0.001, and “η = 2.1” diverges.',
        '“η = 1.9”降到 0.001 以下，而“η = 2.1”发散。',
      ),
      explanation: text(
        'With η = 1.9 the factor is −0.9: the zig-zag shrinks by 10 % per step. With η = 2.1 it is −1.1: the zig-zag grows by 10 % per step, slowly at first, then without bound. A run does not need a huge learning rate to diverge, only one past $2/\\lambda_{\\max}$.',
        'η = 1.9 时因子是 −0.9：来回振荡每步缩小 10%。η = 2.1 时因子是 −1.1：振荡每步放大 10%，起初很慢，最终无限增长。运行发散并不需要很大的学习率，只要超过 $2/\\lambda_{\\max}$ 就够了。',
      ),
    },
    {
      id: 'best-constant',
      title: text('The best constant step', '最佳的固定步长'),
      narration: text(
        'η = 1 solves the steep direction in one step but leaves the shallow one shrinking by 1 − 0.1 = 0.9 per step. A larger η speeds up the shallow direction while the steep one starts to zig-zag.\n\nThe best balance makes both factors equal in size: $\\eta^* = 2/(\\lambda_{\\max} + \\lambda_{\\min})$ = 2/1.1 ≈ 1.82, where both are ±0.82.',
        'η = 1 一步解决陡峭方向，但平缓方向每步只缩小到 1 − 0.1 = 0.9。更大的 η 会加快平缓方向，同时让陡峭方向开始振荡。\n\n最佳平衡是让两个因子的绝对值相等：$\\eta^* = 2/(\\lambda_{\\max} + \\lambda_{\\min})$ = 2/1.1 ≈ 1.82，此时两个因子都是 ±0.82。',
      ),
      task: text(
        'Predict which run reaches a loss of 10⁻⁶ first: η = 1 or η* = 1.82. Then press Play.',
        '预测哪次运行先把损失降到 10⁻⁶：η = 1 还是 η* = 1.82。然后按“播放”。',
      ),
      experiment: {
        problem: quadratic(10),
        steps: 300,
        seed: 1,
        runs: [
          { label: 'η = 1', optimizer: { kind: 'sgd', lr: 1 } },
          { label: 'η* = 1.82', optimizer: { kind: 'sgd', lr: 1.82 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'η* = 1.82',
        other: 'η = 1',
        threshold: 1e-6,
        measure: 'steps',
      },
      goal: text('“η* = 1.82” reaches 10⁻⁶ before “η = 1”.', '“η* = 1.82”比“η = 1”先到达 10⁻⁶。'),
      explanation: text(
        'The zig-zagging run wins: the slowest direction sets the pace, and η* makes the slowest factor as small as a constant step can (0.82 instead of 0.9). Even so, the rate depends on κ: $(\\kappa - 1)/(\\kappa + 1)$. Ill-conditioned problems stay slow for plain gradient descent — which is where momentum comes in.',
        '来回振荡的运行赢了：最慢的方向决定整体速度，而 η* 把最慢的因子降到了固定步长所能达到的最小值（0.82 而不是 0.9）。即便如此，收敛速度仍取决于 κ：$(\\kappa - 1)/(\\kappa + 1)$。对普通梯度下降来说，病态问题依然很慢——这正是动量的用武之地。',
      ),
    },
    {
      id: 'edge-of-stability',
      title: text('The edge of stability', '稳定性边缘'),
      narration: text(
        'On a quadratic the curvature is fixed, and any η past 2/λmax blows up. A network’s curvature changes as it learns. Here full-batch gradient descent trains a small convnet on 300 MNIST digits with η = 0.1 and with η = 0.2, and every 10 steps the app measures the sharpness λmax, the top eigenvalue of the training loss’s Hessian (by power iteration on Hessian-vector products).\n\nThe sharpness chart beside the loss draws each run’s limit 2/η dashed: 20 and 10.',
        '在二次函数上曲率固定不变，任何超过 2/λmax 的 η 都会发散。而网络的曲率会随着学习而改变。这里用全批量梯度下降在 300 张 MNIST 手写数字上训练一个小型卷积网络，学习率分别为 η = 0.1 和 η = 0.2；每 10 步测量一次锐度 λmax，即训练损失 Hessian 矩阵的最大特征值（用 Hessian 与向量乘积的幂迭代求得）。\n\n损失图旁边的锐度图用虚线画出每次运行的上限 2/η：20 和 10。',
      ),
      task: text(
        'Predict: will the sharpness stay well below 2/η, or pass it and make the run blow up? Press Play and watch the sharpness chart.',
        '预测：锐度会一直远低于 2/η，还是会越过它并让运行发散？按“播放”，观察锐度图。',
      ),
      experiment: {
        // The convnet lessons' small net, full batch on 300 digits.
        problem: smallNet(200, 300, 200),
        steps: 150,
        seed: 1,
        sharpnessEvery: 10,
        runs: [
          { label: 'GD η = 0.1', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.1 } },
          { label: 'GD η = 0.2', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.2 } },
        ],
      },
      checkpoint: { kind: 'finished' },
      goal: text('Both runs train their 150 steps.', '两次运行都训练完 150 步。'),
      explanation: text(
        'Neither. With η = 0.1 the sharpness climbs from 11 at step 20 past 2/η = 20 to 29 at step 50 — there the loss rises for a moment — then falls back and stays just under 20 (17.5–19 from step 90 to the end). With η = 0.2 it shoots up to 24 by step 20, then settles just under 2/η = 10 (8.7–9.3 from step 70). Gradient descent drives the curvature up until it meets the limit its own step sets, and then keeps it there while the loss goes on falling: the edge of stability (Cohen et al., 2021). The quadratic picture explains the limit; it does not predict that training sits on it.',
        '两者都不是。η = 0.1 时，锐度从第 20 步的 11 一路上升，越过 2/η = 20，在第 50 步达到 29——此时损失短暂上升——随后回落，一直停在略低于 20 的位置（从第 90 步到结束为 17.5–19）。η = 0.2 时，锐度在第 20 步就冲到 24，随后稳定在略低于 2/η = 10 的位置（第 70 步起为 8.7–9.3）。梯度下降把曲率推高，直到碰上它自己的步长所设定的上限，然后一直停在那里，而损失继续下降：这就是稳定性边缘（Cohen 等，2021）。二次函数的图景解释了这个上限，却无法预言训练会停在上限上。',
      ),
    },
  ],
};
