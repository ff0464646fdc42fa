/** Lesson 8: adaptive methods — AdaGrad, RMSprop, Adam and AdamW on Rosenbrock and Beale. */
import type { Lesson } from '../lesson.ts';
import { text, whichFirst } from './text.ts';

export const adaptive: Lesson = {
  id: 'adaptive',
  title: text('Adaptive methods', '自适应方法'),
  summary: text(
    'AdaGrad, RMSprop, Adam and AdamW: a learning rate per parameter, on Rosenbrock and Beale.',
    'AdaGrad、RMSprop、Adam 和 AdamW：为每个参数设定各自的学习率，在 Rosenbrock 和 Beale 函数上比较。',
  ),
  steps: [
    {
      id: 'rosenbrock',
      prediction: whichFirst(
        text(
          'Which optimizer gets below a loss of 0.01 first?',
          '哪个优化器先把损失降到 0.01 以下？',
        ),
        [
          ['SGD', 'SGD'],
          ['AdaGrad', 'AdaGrad'],
          ['RMSprop', 'RMSprop'],
          ['Adam', 'Adam'],
        ],
        1e-2,
      ),
      title: text('The banana valley', '香蕉形山谷'),
      narration: text(
        'Rosenbrock’s function has a long, curved, flat-bottomed valley with the minimum at (1, 1). Its gradient is huge on the walls and tiny on the floor, so no single learning rate suits both.\n\nAdaptive methods divide each parameter’s step by a running size of its gradients: AdaGrad by the root of the sum of all past squared gradients, RMSprop by the square root of a moving average of them, Adam also averages the gradients themselves (like momentum) and corrects both averages for their start at zero.',
        'Rosenbrock 函数有一条又长又弯、底部平坦的山谷，最小值在 (1, 1)。它的梯度在谷壁上很大、在谷底很小，所以没有一个学习率能同时适合两者。\n\n自适应方法把每个参数的步长除以其梯度的某种累计大小：AdaGrad 除以所有历史梯度平方和的平方根，RMSprop 除以它们的滑动平均的平方根，Adam 还对梯度本身做平均（类似动量），并对两个平均值在零起点的偏差加以修正。',
      ),
      task: text(
        'Predict which optimizer reaches the minimum and which stalls. Press Play at Maximum speed.',
        '预测哪个优化器能到达最小值，哪个会停滞。用最大速度按“播放”。',
      ),
      experiment: {
        problem: { kind: 'surface', surface: 'rosenbrock' },
        steps: 1500,
        seed: 1,
        runs: [
          { label: 'SGD', optimizer: { kind: 'sgd', lr: 0.001 } },
          { label: 'AdaGrad', optimizer: { kind: 'adagrad', lr: 0.5 } },
          { label: 'RMSprop', optimizer: { kind: 'rmsprop', lr: 0.01 } },
          { label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'lossBelow', run: 'Adam', threshold: 1e-3 },
          { kind: 'fasterThan', run: 'Adam', other: 'RMSprop', threshold: 1e-2, measure: 'steps' },
          { kind: 'finalLoss', run: 'AdaGrad', above: 0.1 },
        ],
      },
      goal: text(
        '“Adam” gets below 0.001, ahead of “RMSprop”, while “AdaGrad” ends above 0.1.',
        '“Adam”降到 0.001 以下，领先于“RMSprop”，而“AdaGrad”最终停在 0.1 以上。',
      ),
      explanation: text(
        'SGD, with a learning rate small enough for the walls, crawls along the floor. AdaGrad’s sum of squared gradients only grows, so its steps shrink for ever and it stalls halfway. RMSprop forgets old gradients and keeps moving; Adam adds momentum along the curved floor and arrives first.',
        'SGD 的学习率必须小到能应付谷壁，于是在谷底只能爬行。AdaGrad 的梯度平方和只增不减，所以步长永远在缩小，半路就停滞了。RMSprop 会遗忘旧梯度，因而能继续前进；Adam 在弯曲的谷底加上了动量，最先到达。',
      ),
    },
    {
      id: 'beale',
      title: text('Beale’s function', 'Beale 函数'),
      narration: text(
        'Beale’s function has flat plateaus and steep ridges, with the minimum at (3, 0.5). Here a well-tuned momentum run joins the adaptive methods.',
        'Beale 函数有平坦的高原和陡峭的山脊，最小值在 (3, 0.5)。这里一个调好参数的动量运行也加入了自适应方法的比赛。',
      ),
      task: text(
        'Predict the winner. Press Play at Maximum speed.',
        '预测谁会赢。用最大速度按“播放”。',
      ),
      experiment: {
        problem: { kind: 'surface', surface: 'beale' },
        steps: 1000,
        seed: 1,
        runs: [
          { label: 'momentum', optimizer: { kind: 'momentum', lr: 0.005, momentum: 0.9 } },
          { label: 'AdaGrad', optimizer: { kind: 'adagrad', lr: 0.5 } },
          { label: 'RMSprop', optimizer: { kind: 'rmsprop', lr: 0.01 } },
          { label: 'Adam', optimizer: { kind: 'adam', lr: 0.05 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'lossBelow', run: 'AdaGrad', threshold: 1e-3 },
          { kind: 'lossBelow', run: 'RMSprop', threshold: 1e-3 },
          { kind: 'lossBelow', run: 'Adam', threshold: 1e-3 },
          { kind: 'fasterThan', run: 'momentum', other: 'Adam', threshold: 1e-3, measure: 'steps' },
        ],
      },
      goal: text(
        'All three adaptive runs get below 0.001 — and “momentum” gets there first.',
        '三个自适应运行都降到 0.001 以下——而“动量”最先到达。',
      ),
      explanation: text(
        'Adaptive methods are not magic accelerators: their strength is robustness, working over a wide range of learning rates and gradient scales. A carefully tuned momentum run can beat them — but try doubling its η to 0.01: it blows up within ten steps, while Adam still converges with any η from 0.01 (slowly) to 0.2.',
        '自适应方法并不是神奇的加速器：它们的长处是稳健，在很宽的学习率和梯度尺度范围内都能工作。仔细调好的动量运行可以胜过它们——但试着把它的 η 加倍到 0.01：它在十步之内就会发散，而 Adam 在 η 从 0.01（较慢）到 0.2 的范围内都能收敛。',
      ),
    },
    {
      id: 'adamw',
      title: text('Adam vs AdamW', 'Adam 与 AdamW'),
      narration: text(
        'Weight decay pulls parameters towards zero. Adam with L2 regularisation adds $\\lambda\\theta$ to the gradient, where it is divided by the adaptive scale like everything else. AdamW instead shrinks θ directly by $\\eta\\lambda\\theta$ each step, “decoupled” from the gradient.\n\nBoth runs here use λ = 0.1 on Rosenbrock, so neither can reach (1, 1) exactly. Adam + L2 minimises $f(\\theta) + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$, whose minimum is at (0.886, 0.785).',
        '权重衰减把参数拉向零。带 L2 正则的 Adam 把 $\\lambda\\theta$ 加到梯度上，它和其他部分一样会被自适应尺度除掉。AdamW 则每步直接把 θ 缩小 $\\eta\\lambda\\theta$，与梯度“解耦”。\n\n这里两次运行在 Rosenbrock 上都用 λ = 0.1，所以都无法精确到达 (1, 1)。Adam + L2 最小化的是 $f(\\theta) + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$，它的最小值在 (0.886, 0.785)。',
      ),
      task: text(
        'Predict which run has settled after 1,500 steps. Press Play at Maximum speed.',
        '预测 1,500 步后哪次运行已经稳定下来。用最大速度按“播放”。',
      ),
      experiment: {
        problem: { kind: 'surface', surface: 'rosenbrock' },
        steps: 1500,
        seed: 1,
        runs: [
          { label: 'Adam + L2', optimizer: { kind: 'adam', lr: 0.05, weightDecay: 0.1 } },
          { label: 'AdamW', optimizer: { kind: 'adamw', lr: 0.05, weightDecay: 0.1 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'endsNear', run: 'Adam + L2', point: [0.886142, 0.784858], radius: 1e-3 },
          { kind: 'endsLowerThan', run: 'Adam + L2', other: 'AdamW' },
        ],
      },
      goal: text(
        '“Adam + L2” ends at the minimum of $f + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$, with a lower loss than “AdamW”.',
        '“Adam + L2”停在 $f + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ 的最小值处，最终损失低于“AdamW”。',
      ),
      explanation: text(
        'Adam + L2 has settled exactly at the minimum of $f + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$: there the gradient plus $\\lambda\\theta$ is zero, so its step is zero too — its pull towards zero is not weak, it is exactly the L2 penalty. AdamW is still on its way: at step 1,500 it is at x = 0.74, at 3,000 at 0.86, at 30,000 at 0.88. Only its gradient is divided by $\\sqrt{\\hat v}$, not its decay $\\eta\\lambda\\theta$: to come to rest it needs $\\nabla f = -\\lambda\\sqrt{\\hat v}\\,\\theta$, so its decay weighs $\\sqrt{\\hat v}$ times more than the L2 term — strong wherever the gradients have been large, and it ends slightly nearer the origin. In network training that is the point of AdamW: the decay does not depend on each weight’s gradient scale. Comparing the two after a fixed budget says as much about the budget as about the methods.',
        'Adam + L2 已经精确地停在 $f + \\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$ 的最小值处：那里梯度加上 $\\lambda\\theta$ 等于零，所以它的步子也是零——它把参数拉向零的力并不弱，恰好就是 L2 惩罚项。AdamW 还在路上：第 1,500 步时 x = 0.74，第 3,000 步时 0.86，第 30,000 步时 0.88。它只把梯度除以 $\\sqrt{\\hat v}$，衰减 $\\eta\\lambda\\theta$ 则不除：要静止下来需要 $\\nabla f = -\\lambda\\sqrt{\\hat v}\\,\\theta$，所以它的衰减比 L2 项重 $\\sqrt{\\hat v}$ 倍——凡是梯度一直较大的地方，衰减都很强，最终也停得离原点稍近一些。这正是 AdamW 在训练神经网络时的意义：衰减不依赖每个权重的梯度尺度。在固定的步数预算下比较两者，结论与预算的关系不亚于与方法本身的关系。',
      ),
    },
  ],
};
