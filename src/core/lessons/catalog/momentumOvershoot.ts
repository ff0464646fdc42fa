/** Lesson 6: where momentum hurts — overshoot and oscillation. */
import type { Lesson } from '../lesson.ts';
import { quadratic, text, whichFirst } from './text.ts';

export const momentumOvershoot: Lesson = {
  id: 'momentum-overshoot',
  title: text('When momentum hurts', '动量何时帮倒忙'),
  summary: text(
    'Overshoot and oscillation: a round bowl, too much momentum, and Nesterov’s look-ahead.',
    '冲过头与振荡：圆形碗、过大的动量，以及 Nesterov 的前瞻。',
  ),
  steps: [
    {
      id: 'round-bowl',
      prediction: {
        kind: 'point',
        question: text(
          'The heavy ball (γ = 0.9) starts at (−4, 2) and rolls through the minimum at the centre. Click on the map where its first swing turns round: how far past the minimum does it go?',
          '重球（γ = 0.9）从 (−4, 2) 出发，滚过中心的最小值。请在等高线图上点击它第一次摆动折返的位置：它会冲过最小值多远？',
        ),
        run: 'momentum 0.9',
        target: { kind: 'overshoot', from: [-4, 2], through: [0, 0] },
        // A guess within a quarter of the start's distance (√20 ≈ 4.47) counts as right.
        radius: 1.1,
      },
      title: text('A round bowl', '圆形的碗'),
      narration: text(
        'Momentum shines in narrow valleys. This bowl is perfectly round ($\\kappa = 1$): the gradient points straight at the minimum, and η = 0.5 already takes a steady, direct path.',
        '动量在狭窄山谷中表现出色。但这个碗是完全圆形的（$\\kappa = 1$）：梯度直指最小值，η = 0.5 已经能沿一条稳定、直接的路径前进。',
      ),
      task: text(
        'Predict whether momentum (γ = 0.9) helps here. Press Play and watch the path near the minimum.',
        '预测动量（γ = 0.9）在这里有没有帮助。按“播放”，观察最小值附近的路径。',
      ),
      experiment: {
        problem: quadratic(1),
        steps: 150,
        seed: 1,
        runs: [
          { label: 'GD', optimizer: { kind: 'sgd', lr: 0.5 } },
          { label: 'momentum 0.9', optimizer: { kind: 'momentum', lr: 0.5, momentum: 0.9 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'GD',
        other: 'momentum 0.9',
        threshold: 1e-4,
        measure: 'steps',
      },
      goal: text('“GD” reaches 0.0001 before “momentum 0.9”.', '“GD”比“动量 0.9”先到达 0.0001。'),
      explanation: text(
        'The heavy ball arrives with speed and shoots past the minimum: at step 4 it is at (3.37, −1.68), about 84 % as far from the minimum as it started, on the other side. Then it swings back and forth for dozens of steps. With no zig-zag to average out, momentum only adds inertia.',
        '重球带着速度到达，冲过了最小值：第 4 步时它位于 (3.37, −1.68)，在另一侧，离最小值的距离约为出发时的 84%。之后它来回摆动几十步才停下。既然没有需要平均掉的来回振荡，动量只会增加惯性。',
      ),
    },
    {
      id: 'too-much',
      title: text('Too much momentum', '动量太大'),
      narration: text(
        'Back in a valley ($\\kappa = 10$), three runs share η = 0.3 and differ only in γ: 0.5, 0.9 and 0.99. With γ = 0.99 the velocity remembers about $1/(1 - \\gamma)$ = 100 past steps.',
        '回到山谷中（$\\kappa = 10$），三次运行的 η 都是 0.3，只有 γ 不同：0.5、0.9 和 0.99。γ = 0.99 时，速度大约记住了 $1/(1 - \\gamma)$ = 100 个过去的步子。',
      ),
      task: text(
        'Predict which γ does worst. Press Play and watch the loss curves.',
        '预测哪个 γ 表现最差。按“播放”，观察损失曲线。',
      ),
      experiment: {
        problem: quadratic(10),
        steps: 300,
        seed: 1,
        runs: [
          { label: 'γ = 0.5', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.5 } },
          { label: 'γ = 0.9', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.9 } },
          { label: 'γ = 0.99', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.99 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'γ = 0.9',
        other: 'γ = 0.99',
        threshold: 1e-4,
        measure: 'steps',
      },
      goal: text(
        '“γ = 0.9” reaches 0.0001 before “γ = 0.99”.',
        '“γ = 0.9”比“γ = 0.99”先到达 0.0001。',
      ),
      explanation: text(
        'With γ = 0.99 the run circles the minimum with a loss that rises and falls for hundreds of steps: the velocity keeps 99 % of itself at every step, and the distance to the minimum shrinks by only √0.99 ≈ 0.995 per step. Too much memory turns a smooth descent into a slow oscillation.',
        'γ = 0.99 的运行绕着最小值盘旋，损失忽高忽低，持续数百步：速度每一步保留自身的 99%，到最小值的距离每步只缩小到 √0.99 ≈ 0.995 倍。记忆太多会把平稳的下降变成缓慢的振荡。',
      ),
    },
    {
      id: 'nesterov',
      prediction: whichFirst(
        text('Which run reaches 0.0001 first?', '哪次运行先到达 0.0001？'),
        [
          ['momentum', '动量'],
          ['Nesterov', 'Nesterov'],
        ],
        1e-4,
      ),
      title: text('Look before you leap: Nesterov', '先看再跳：Nesterov'),
      narration: text(
        'Nesterov momentum evaluates the gradient where the velocity is about to carry the point, not where it is. When the ball is about to overshoot, the gradient there already points back and brakes it.',
        'Nesterov 动量在速度即将把点带到的位置计算梯度，而不是在当前位置。当小球快要冲过头时，那里的梯度已经指向回头方向，会提前刹车。',
      ),
      task: text(
        'Same η and γ, with and without Nesterov. Predict which reaches 0.0001 first, then press Play.',
        'η 和 γ 相同，一个用 Nesterov，一个不用。预测哪个先到达 0.0001，然后按“播放”。',
      ),
      experiment: {
        problem: quadratic(10),
        steps: 300,
        seed: 1,
        runs: [
          { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.9 } },
          {
            label: 'Nesterov',
            optimizer: { kind: 'momentum', lr: 0.3, momentum: 0.9, nesterov: true },
          },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'Nesterov',
        other: 'momentum',
        threshold: 1e-4,
        measure: 'steps',
      },
      goal: text(
        '“Nesterov” reaches 0.0001 before “momentum”.',
        '“Nesterov”比“动量”先到达 0.0001。',
      ),
      explanation: text(
        'The look-ahead damps the oscillation, so Nesterov overshoots less and settles sooner with the same settings.',
        '前瞻抑制了振荡，所以在相同设置下 Nesterov 冲过头更少，更早稳定下来。',
      ),
    },
  ],
};
