/** Lesson 3: batch vs stochastic vs mini-batch gradient descent (batch lab). */
import type { Lesson } from '../lesson.ts';
import { text, whichFirst } from './text.ts';

/** Full batch, mini-batch 8 and single samples on the same line fit, same η. */
const race = {
  problem: { kind: 'regression', samples: 64, noise: 0.8, start: [-2, 3] },
  steps: 300,
  seed: 4,
  runs: [
    { label: 'full batch', batchSize: 'all', optimizer: { kind: 'sgd', lr: 0.05 } },
    { label: 'mini-batch 8', batchSize: 8, optimizer: { kind: 'sgd', lr: 0.05 } },
    { label: 'stochastic', batchSize: 1, optimizer: { kind: 'sgd', lr: 0.05 } },
  ],
};

export const batchSize: Lesson = {
  id: 'batch-size',
  title: text('Batch, mini-batch, stochastic', '全批量、小批量与随机'),
  summary: text(
    'How many samples each gradient uses: noise, cost per step, and where each run settles.',
    '每次梯度用多少样本：噪声、每步的代价，以及各运行最终停在哪里。',
  ),
  steps: [
    {
      id: 'noise',
      title: text('Noisy gradients', '有噪声的梯度'),
      narration: text(
        'We fit a line $y = wx + b$ to 64 noisy points; the loss is the mean squared error over all of them, a bowl over (w, b).\n\n“full batch” computes the exact gradient from all 64 points each step. “mini-batch 8” estimates it from 8 points, “stochastic” from a single point. The estimates are unbiased, but each one has a random error.',
        '我们用直线 $y = wx + b$ 拟合 64 个带噪声的点；损失是所有点上的均方误差，在 (w, b) 上是一个碗形。\n\n“全批量”每步用全部 64 个点计算精确梯度；“小批量 8”用 8 个点估计梯度，“随机”只用一个点。这些估计是无偏的，但每一次都有随机误差。',
      ),
      task: text(
        'Press Play. Compare the three paths on the (w, b) map, and the mini-batch arrow against the full-batch arrow.',
        '按“播放”。比较 (w, b) 等高线图上的三条路径，以及小批量梯度箭头和全批量梯度箭头。',
      ),
      experiment: race,
      checkpoint: { kind: 'finished' },
      goal: text('All three runs finish their 300 steps.', '三次运行都跑完 300 步。'),
      explanation: text(
        'The full-batch path is smooth; the others wander, the more so the smaller the batch. Each step follows the gradient of the sampled points only, which points roughly — not exactly — downhill on the full loss.',
        '全批量的路径是平滑的；其他路径则四处游走，批量越小越明显。每一步只沿着所抽样本的梯度走，它只是大致指向整体损失的下坡方向，而不是精确地指向。',
      ),
    },
    {
      id: 'cost',
      prediction: whichFirst(
        text(
          'Which run gets below 0.6 with the fewest samples processed?',
          '哪次运行处理的样本最少就降到 0.6 以下？',
        ),
        [
          ['full batch', '全批量'],
          ['mini-batch 8', '小批量 8'],
          ['stochastic', '随机'],
        ],
        0.6,
        'samples',
      ),
      title: text('Cost per step', '每步的代价'),
      narration: text(
        'A full-batch step looks at 64 samples; a stochastic step looks at one. Counted in steps, the three runs get down the first slope about equally fast: which one is first changes with the data and the order of the samples. Counted in work done — samples processed — the picture is very different.\n\nSwitch the x axis of the loss plot to “samples processed” to see it.',
        '一次全批量步要看 64 个样本，一次随机步只看 1 个。按步数算，三次运行走下第一段坡的速度差不多：谁先谁后随数据和样本顺序而变。按实际工作量——处理的样本数——算，情形就完全不同了。\n\n把损失图的横轴切换为“处理的样本数”就能看到。',
      ),
      task: text(
        'Predict: which run gets the loss below 0.6 with the fewest samples processed? Press Play (or Reset, then Play).',
        '预测：哪次运行处理的样本最少就把损失降到 0.6 以下？按“播放”（或先“重置”再“播放”）。',
      ),
      experiment: race,
      checkpoint: {
        kind: 'all',
        of: [
          {
            kind: 'fasterThan',
            run: 'stochastic',
            other: 'mini-batch 8',
            threshold: 0.6,
            measure: 'samples',
          },
          {
            kind: 'fasterThan',
            run: 'mini-batch 8',
            other: 'full batch',
            threshold: 0.6,
            measure: 'samples',
          },
        ],
      },
      goal: text(
        'Counted in samples, “stochastic” gets below 0.6 first, then “mini-batch 8”, then “full batch”.',
        '按处理的样本数，“随机”最先降到 0.6 以下，其次是“小批量 8”，最后是“全批量”。',
      ),
      explanation: text(
        'All three need a few dozen steps, but a full-batch step costs 64 times the work of a single-sample step: here some 1,900 samples against about 30. Far from the minimum, one sample already says which way is downhill, so cheap noisy steps win. This is why networks are trained on mini-batches.',
        '三次运行都需要几十步，但一次全批量步的工作量是单样本步的 64 倍：这里大约是 1,900 个样本对 30 个左右。离最小值还远时，一个样本就足以指出下坡方向，所以廉价而有噪声的步子更划算。这就是神经网络用小批量训练的原因。',
      ),
    },
    {
      id: 'noise-floor',
      title: text('Where they settle', '最终停在哪里'),
      narration: text(
        'Near the minimum the picture changes: the gradient of the full loss goes to zero, but the gradient of one sample does not. With a constant η, stochastic steps keep jostling around the minimum.',
        '在最小值附近情况就不同了：整体损失的梯度趋于零，而单个样本的梯度并不会。在固定的 η 下，随机步会一直在最小值周围晃动。',
      ),
      task: text(
        'Let the runs finish and compare their losses over the last steps.',
        '让三次运行都跑完，比较它们最后几十步的损失。',
      ),
      experiment: race,
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'endsLowerThan', run: 'full batch', other: 'stochastic', window: 50 },
          { kind: 'endsLowerThan', run: 'mini-batch 8', other: 'stochastic', window: 50 },
        ],
      },
      goal: text(
        'Over the last 50 steps, “full batch” and “mini-batch 8” have a lower mean loss than “stochastic”.',
        '在最后 50 步中，“全批量”和“小批量 8”的平均损失都低于“随机”。',
      ),
      explanation: text(
        'The stochastic run hovers in a “noise ball” whose size grows with η and with the gradient noise. Larger batches average the noise away; a learning rate that decays over time (lesson 7) lets even single-sample steps settle.',
        '随机运行在一个“噪声球”里徘徊，噪声球的大小随 η 和梯度噪声增大。更大的批量能把噪声平均掉；随时间衰减的学习率（第 7 课）则能让单样本步也稳定下来。',
      ),
    },
  ],
};
