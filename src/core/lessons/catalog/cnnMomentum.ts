/** Lesson 9: momentum in a CNN — velocities of conv and dense weights and biases, filters forming. */
import type { Lesson } from '../lesson.ts';
import { text, whichFirst } from './text.ts';

/**
 * The generated shapes on the small net (conv 5×5×4 stride 2 → ReLU → max-pool 2 → dense 10),
 * so the lesson runs briskly on a classroom laptop. Both runs share initial weights and batches.
 */
const race = {
  problem: {
    kind: 'cnn',
    dataset: 'shapes',
    trainSize: 1000,
    testSize: 200,
    evalEvery: 25,
    architecture: {
      input: [28, 28, 1],
      layers: [
        { type: 'conv', filters: 4, size: 5, stride: 2, pad: 2 },
        { type: 'relu' },
        { type: 'maxPool', size: 2, stride: 2 },
      ],
    },
  },
  steps: 150,
  seed: 3,
  runs: [
    { label: 'SGD', batchSize: 20, optimizer: { kind: 'sgd', lr: 0.01 } },
    { label: 'momentum', batchSize: 20, optimizer: { kind: 'momentum', lr: 0.01, momentum: 0.9 } },
  ],
};

export const cnnMomentum: Lesson = {
  id: 'cnn-momentum',
  title: text('Momentum in a convnet', '卷积网络中的动量'),
  summary: text(
    'The same update rule on every filter and bias of a real network: velocities, filters forming, accuracy.',
    '同一条更新规则作用于真实网络的每个卷积核和偏置：速度、卷积核的形成与准确率。',
  ),
  steps: [
    {
      id: 'same-rule',
      prediction: whichFirst(
        text('Which run’s batch loss drops below 1 first?', '哪次运行的批量损失先降到 1 以下？'),
        [
          ['SGD', 'SGD'],
          ['momentum', '动量'],
        ],
        1,
      ),
      title: text('Thousands of parameters, one rule', '成千上万个参数，同一条规则'),
      narration: text(
        'A small convnet learns to tell eight kinds of generated strokes apart: bars, edges, crosses and rings. Its conv filters, dense weights and biases are one long parameter vector θ, and the optimizer updates every entry exactly as on the 2D surfaces: $v \\leftarrow \\gamma v + \\eta g$, $\\theta \\leftarrow \\theta - v$.\n\nBoth runs start from the same weights and see the same mini-batches in the same order; only the optimizer differs.',
        '一个小型卷积网络学习区分八种生成的笔画：横竖斜的线条、边缘、十字和圆环。它的卷积核、全连接权重和偏置组成一个很长的参数向量 θ，优化器对其中每个分量的更新方式与二维曲面上完全相同：$v \\leftarrow \\gamma v + \\eta g$，$\\theta \\leftarrow \\theta - v$。\n\n两次运行从相同的权重出发，按相同顺序看到相同的小批量；唯一的区别是优化器。',
      ),
      task: text(
        'Predict which run’s loss drops below 1 first. Press Play.',
        '预测哪次运行的损失先降到 1 以下。按“播放”。',
      ),
      experiment: race,
      checkpoint: {
        kind: 'fasterThan',
        run: 'momentum',
        other: 'SGD',
        threshold: 1,
        measure: 'steps',
      },
      goal: text(
        '“momentum” gets the batch loss below 1 before “SGD”.',
        '“动量”比“SGD”先把批量损失降到 1 以下。',
      ),
      explanation: text(
        'Mini-batch gradients are noisy, but their consistent part adds up in the velocity, so with the same η momentum takes effectively $1/(1 - \\gamma)$ = 10 times larger steps along it.',
        '小批量梯度有噪声，但其中一致的部分会在速度中累积，所以在相同的 η 下，动量沿该方向的有效步长大约是 $1/(1 - \\gamma)$ = 10 倍。',
      ),
    },
    {
      id: 'effective-step',
      title: text('The same effective step', '相同的有效步长'),
      narration: text(
        'Along a direction where the gradient g stays about the same, the velocity builds up to $v = \\eta g/(1 - \\gamma)$: with η = 0.01 and γ = 0.9, steps of 0.1·g. So the race you just saw compared momentum with an SGD run taking ten times smaller steps. A fair comparison gives SGD the same effective step $\\eta/(1 - \\gamma)$.',
        '在梯度 g 大致不变的方向上，速度会累积到 $v = \\eta g/(1 - \\gamma)$：η = 0.01、γ = 0.9 时，每步为 0.1·g。所以刚才的比赛其实是拿动量和一个步子小十倍的 SGD 比。公平的比较应该让 SGD 用相同的有效步长 $\\eta/(1 - \\gamma)$。',
      ),
      task: text(
        'Set the learning rate of “SGD” to the momentum run’s effective step, 0.01/(1 − 0.9) = 0.1, leave “momentum” as it is, and press Play.',
        '把“SGD”的学习率设为动量运行的有效步长 0.01/(1 − 0.9) = 0.1，“动量”保持不变，然后按“播放”。',
      ),
      experiment: race,
      solution: {
        kind: 'edit',
        experiment: {
          ...race,
          runs: [{ ...race.runs[0], optimizer: { kind: 'sgd', lr: 0.1 } }, race.runs[1]],
        },
      },
      // SGD's η must be the one raised (making momentum worse would also close the gap).
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'rateAbove', run: 'SGD', threshold: 0.05 },
          { kind: 'endsLowerThan', run: 'SGD', other: 'momentum', window: 50, factor: 1.5 },
        ],
      },
      goal: text(
        'With η above 0.05, “SGD” ends within 1.5 times the loss of “momentum” (mean batch loss over the last 50 steps).',
        '在 η 大于 0.05 时，“SGD”最后的损失不超过“动量”的 1.5 倍（最后 50 步批量损失的平均值）。',
      ),
      explanation: text(
        'At the same effective step plain SGD keeps up: on every seed we ran its mean loss over the last 50 steps is within 1.5 times that of momentum, while SGD at η = 0.01 ends more than twice as high. Most of momentum’s head start at the same η was the larger step; on this small problem the smoothing of mini-batch noise adds little.',
        '在相同的有效步长下，普通 SGD 完全跟得上：在我们运行过的每个种子上，它最后 50 步的平均损失都在动量的 1.5 倍以内，而 η = 0.01 的 SGD 最后的损失是动量的两倍以上。相同 η 下动量的领先，主要来自更大的步长；在这个小问题上，对小批量噪声的平滑作用不大。',
      ),
    },
    {
      id: 'velocities',
      title: text('Velocities and filters', '速度与卷积核'),
      narration: text(
        'Select a conv filter: beside its weights you see its gradient and its velocity. The gradient flickers from batch to batch; the velocity is the step just taken, $v = \\gamma v + \\eta g$, a smoothed running sum of past gradients times η. With η = 0.01 it is typically 15 to 70 times smaller than the gradient itself (about 30 times in the middle), yet 1.5 to 6 times larger than the plain SGD step η·g. The per-layer curves show the velocity norm of each weight and bias tensor, and the update-to-weight ratio — a common rule of thumb puts it around 10⁻³ per step in healthy training.',
        '选择一个卷积核：在它的权重旁边可以看到它的梯度和速度。梯度在批量之间闪烁变化；速度则是刚刚迈出的那一步，$v = \\gamma v + \\eta g$，即过去梯度经过平滑的累加和再乘以 η。在 η = 0.01 时，它通常比梯度本身小 15 到 70 倍（中间值约 30 倍），却比普通 SGD 的一步 η·g 大 1.5 到 6 倍。逐层曲线显示每个权重和偏置张量的速度范数，以及更新量与权重之比——按常用的经验法则，健康的训练中它每步约为 10⁻³。',
      ),
      task: text(
        'Watch the filters form and the velocity curve of “conv1.weight” as training goes on. Let both runs finish.',
        '随着训练进行，观察卷积核逐渐成形，以及 conv1.weight 的速度曲线。让两次运行都跑完。',
      ),
      experiment: race,
      // The velocity of the filters, not the accuracy: with γ = 0 (or an untrained run) it fails.
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'finished', run: 'momentum' },
          { kind: 'velocityGain', run: 'momentum', tensor: 'conv1.weight', factor: 2, window: 50 },
        ],
      },
      goal: text(
        '“momentum” finishes, and over its last 50 steps the velocity of its conv filters (conv1.weight) is at least twice the plain SGD step of the same gradient: the median of ‖v‖/(η‖g‖) is 2 or more.',
        '“动量”跑完，且在最后 50 步中，其卷积核（conv1.weight）的速度至少是同一梯度下普通 SGD 一步的两倍：‖v‖/(η‖g‖) 的中位数不小于 2。',
      ),
      explanation: text(
        'On every seed we ran, the median of ‖v‖/(η‖g‖) for the filters over the last 50 steps lies between 3 and 6; with γ = 0 it is exactly 1, because the velocity is then the SGD step itself. It stays below 1/(1 − γ) = 10 because successive mini-batch gradients do not point the same way, so they only partly add up. The filters turn from noise into edge and bar detectors. The SGD run’s filters change too, only more slowly: it is the same descent, taken with smaller effective steps.',
        '在我们运行过的每个种子上，卷积核在最后 50 步中 ‖v‖/(η‖g‖) 的中位数都在 3 到 6 之间；γ = 0 时它恰好等于 1，因为此时速度就是 SGD 的那一步。它达不到 1/(1 − γ) = 10，因为相继的小批量梯度方向并不一致，只能部分叠加。卷积核从噪声变成了边缘和线条检测器。SGD 运行的卷积核也在变化，只是更慢：这是同样的下降过程，只不过有效步长更小。',
      ),
    },
  ],
};
