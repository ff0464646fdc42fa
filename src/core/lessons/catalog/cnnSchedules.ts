/** Lesson 12: learning-rate decay and warm-up on a real network (seed §4). */
import type { Lesson } from '../lesson.ts';
import { mnistStepDecay, mnistWarmup } from './cnnExperiments.ts';
import { choice, text } from './text.ts';

/** "Which run ends lower, averaged over its last 50 steps?", one option per run. */
function endsLower(
  question: ReturnType<typeof text>,
  runs: readonly (readonly [label: string, zh: string])[],
) {
  return choice(
    question,
    runs.map(([label, zh]) => {
      const other = runs.find(([l]) => l !== label)![0];
      return [label, label, zh, { kind: 'endsLowerThan', run: label, other, window: 50 }] as const;
    }),
  );
}

export const cnnSchedules: Lesson = {
  id: 'cnn-schedules',
  title: text('Decay and warm-up on a real network', '真实网络上的衰减与预热'),
  summary: text(
    'A step decay and a warm-up on a convnet learning digits: what each one changes, and what it does not.',
    '在学习手写数字的卷积网络上试试阶梯衰减和预热：它们各自改变了什么，又没有改变什么。',
  ),
  steps: [
    {
      id: 'step-decay',
      prediction: endsLower(
        text(
          'Which run ends with the lower batch loss, averaged over its last 50 steps?',
          '哪次运行结束时的批量损失（最后 50 步的平均值）更低？',
        ),
        [
          ['constant η', '恒定 η'],
          ['step decay', '阶梯衰减'],
        ],
      ),
      title: text('Step decay', '阶梯衰减'),
      narration: text(
        'Two runs of the same convnet from the same weights on the same batches: SGD with η = 0.3 on batches of 5. One keeps η; the other cuts it tenfold at step 100 (the η marks on the loss chart show where).\n\nThe seed article (§4) says decay lets training approach the optimum faster. Not here: for the first 100 steps the two runs are one and the same. What decay changes is where a noisy run settles. With batches of 5 each step is η times a noisy gradient, and at η = 0.3 the loss keeps jumping; after the cut the steps, and their noise, are ten times smaller.',
        '同一个卷积网络的两次运行，从相同的权重出发，看到相同的批量：SGD，η = 0.3，批量大小为 5。一次运行保持 η 不变；另一次在第 100 步把 η 降为十分之一（损失曲线上的 η 标记标出了位置）。\n\n种子文章（§4）说学习率衰减能让训练更快地接近最优解。这里并非如此：前 100 步两次运行完全相同。衰减改变的是带噪声的训练最终停在哪里。批量只有 5 个样本时，每一步都是 η 乘以一个带噪声的梯度，η = 0.3 时损失不停地跳动；η 降低之后，每一步连同其中的噪声都缩小为十分之一。',
      ),
      task: text(
        'Predict which run ends lower, then press Play. Compare the two curves after step 100.',
        '预测哪次运行最后更低，然后按“播放”。比较第 100 步之后的两条曲线。',
      ),
      experiment: mnistStepDecay,
      checkpoint: { kind: 'endsLowerThan', run: 'step decay', other: 'constant η', window: 50 },
      goal: text(
        '“step decay” ends lower than “constant η” (mean batch loss over the last 50 steps).',
        '“阶梯衰减”最后比“恒定 η”更低（最后 50 步批量损失的平均值）。',
      ),
      explanation: text(
        'Identical until step 100, then the decayed run settles lower and its held-out accuracy ends higher. Decay does not speed the descent up: it lets the run settle where a large η keeps it bouncing.',
        '两次运行在第 100 步之前完全相同，之后衰减的运行稳定在更低的位置，留出集准确率最终也更高。衰减并没有让下降变快：它让运行在大 η 只会来回跳动的地方稳定下来。',
      ),
    },
    {
      id: 'warm-up',
      prediction: endsLower(
        text(
          'Which run ends with the lower batch loss, averaged over its last 50 steps?',
          '哪次运行结束时的批量损失（最后 50 步的平均值）更低？',
        ),
        [
          ['no warm-up', '无预热'],
          ['warm-up', '预热'],
        ],
      ),
      title: text('Warm-up', '预热'),
      narration: text(
        'Adam with η = 0.1, which is large for Adam: each of its steps moves every weight by up to about η, however small the gradient. One run starts at full η; the other warms up: η rises linearly from 5 % to 100 % of 0.1 over the first 40 steps (the η marks show the ramp).\n\nAt the start the weights are random and the gradients point in haphazard directions. Full-size steps there can throw the network far off, for instance into a state where its ReLUs stop firing.',
        '使用 Adam，η = 0.1，这对 Adam 来说很大：无论梯度多小，它的每一步都会让每个权重移动接近 η。一次运行一开始就用完整的 η；另一次先预热：在前 40 步里，η 从 0.1 的 5% 线性升到 100%（η 标记显示了这段斜坡）。\n\n刚开始时权重是随机的，梯度的方向杂乱无章。这时迈出全尺寸的步子可能把网络推得很远，例如推到 ReLU 再也不激活的状态。',
      ),
      task: text(
        'Predict which run ends lower, then press Play and watch the first 40 steps.',
        '预测哪次运行最后更低，然后按“播放”，注意观察前 40 步。',
      ),
      experiment: mnistWarmup,
      checkpoint: { kind: 'endsLowerThan', run: 'warm-up', other: 'no warm-up', window: 50 },
      goal: text(
        '“warm-up” ends lower than “no warm-up” (mean batch loss over the last 50 steps).',
        '“预热”最后比“无预热”更低（最后 50 步批量损失的平均值）。',
      ),
      explanation: text(
        'Run with seeds 1 to 4 (the experiment’s seed sets the initial weights and the batches), the warmed-up run ends lower every time. With seed 4 the run without warm-up never recovers: its loss stays at ln 10 ≈ 2.30, the loss of a network that gives every digit 10 %. Warm-up does not change where the run is going; it keeps the first, haphazard steps small.',
        '用种子 1 到 4 分别运行（实验的种子决定初始权重和批量的顺序），预热的运行每次都更低。用种子 4 时，没有预热的运行再也没有恢复：它的损失一直停在 ln 10 ≈ 2.30，也就是给每个数字都分配 10% 概率的网络的损失。预热并不改变训练要去的地方，它只是让最初那些方向杂乱的步子小一些。',
      ),
    },
  ],
};
