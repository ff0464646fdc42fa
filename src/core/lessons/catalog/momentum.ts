/** Lesson 4: ill-conditioning and the zig-zag; momentum as a heavy ball; the optimal γ. */
import type { Lesson } from '../lesson.ts';
import { quadratic, text, whichFirst } from './text.ts';

/** κ = 50, turned 30°: λmax = 1, λmin = 0.02. */
const valley = quadratic(50, 30);

export const momentum: Lesson = {
  id: 'momentum',
  title: text('Momentum: the heavy ball', '动量：重球法'),
  summary: text(
    'Why narrow valleys make gradient descent zig-zag, how momentum glides through, and the optimal γ.',
    '为什么狭窄的山谷让梯度下降来回振荡，动量如何顺畅滑过，以及最优的 γ。',
  ),
  steps: [
    {
      id: 'zig-zag',
      title: text('The zig-zag', '来回振荡'),
      narration: text(
        'This valley is 50 times steeper across than along (condition number $\\kappa = \\lambda_{\\max}/\\lambda_{\\min}$ = 50). The learning rate must stay below $2/\\lambda_{\\max}$ = 2 for the steep walls, and then the gentle floor gets tiny steps: it shrinks by only $1 - \\eta\\lambda_{\\min}$ per step.',
        '这个山谷横向比纵向陡 50 倍（条件数 $\\kappa = \\lambda_{\\max}/\\lambda_{\\min}$ = 50）。为了陡峭的谷壁，学习率必须低于 $2/\\lambda_{\\max}$ = 2，而平缓的谷底于是只能迈很小的步子：每步只缩小到 $1 - \\eta\\lambda_{\\min}$。',
      ),
      task: text(
        'Press Play and watch the path. Where does the time go?',
        '按“播放”，观察路径。时间都花在哪里了？',
      ),
      experiment: {
        problem: valley,
        steps: 300,
        seed: 1,
        runs: [{ label: 'GD', optimizer: { kind: 'sgd', lr: 1.5 } }],
      },
      checkpoint: { kind: 'lossBelow', run: 'GD', threshold: 1e-3 },
      goal: text('The loss of “GD” falls below 0.001.', '“GD”的损失降到 0.001 以下。'),
      explanation: text(
        'Across the valley $\\eta\\lambda_{\\max}$ = 1.5 overshoots: the path bounces from wall to wall (factor −0.5 per step). Along the floor the factor is 1 − 1.5 × 0.02 = 0.97, so most of the steps are spent creeping along the valley.',
        '在横跨山谷的方向上 $\\eta\\lambda_{\\max}$ = 1.5 会冲过头：路径在两壁之间来回弹跳（每步因子 −0.5）。沿谷底方向因子是 1 − 1.5 × 0.02 = 0.97，所以大部分步数都花在沿山谷缓慢爬行上。',
      ),
    },
    {
      id: 'heavy-ball',
      prediction: whichFirst(
        text('Which run reaches 0.001 first?', '哪次运行先到达 0.001？'),
        [
          ['GD', 'GD'],
          ['momentum 0.6', '动量 0.6'],
        ],
        1e-3,
      ),
      title: text('A heavy ball', '重球'),
      narration: text(
        'Momentum keeps a velocity that carries over from one step to the next: $v \\leftarrow \\gamma v + \\eta\\,\\nabla f$, $\\theta \\leftarrow \\theta - v$. Think of a heavy ball rolling downhill: along the valley floor the gradient points the same way step after step, so its small pushes add up in v.',
        '动量保存一个速度，并从一步带到下一步：$v \\leftarrow \\gamma v + \\eta\\,\\nabla f$，$\\theta \\leftarrow \\theta - v$。想象一个重球滚下山：沿谷底方向，梯度每一步都指向同一侧，于是这些微小的推力在 v 中一步步累积起来。',
      ),
      task: text(
        'Predict how much sooner “momentum 0.6” (γ = 0.6, same η) gets below 0.001. Then press Play.',
        '预测“动量 0.6”（γ = 0.6，η 相同）会提前多少降到 0.001 以下。然后按“播放”。',
      ),
      experiment: {
        problem: valley,
        steps: 300,
        seed: 1,
        runs: [
          { label: 'GD', optimizer: { kind: 'sgd', lr: 1.5 } },
          { label: 'momentum 0.6', optimizer: { kind: 'momentum', lr: 1.5, momentum: 0.6 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'momentum 0.6',
        other: 'GD',
        threshold: 1e-3,
        measure: 'steps',
      },
      goal: text('“momentum 0.6” reaches 0.001 before “GD”.', '“动量 0.6”比“GD”先到达 0.001。'),
      explanation: text(
        'Along the floor the velocity builds up to about $\\eta\\,\\nabla f/(1 - \\gamma)$, 2.5 times the plain step: the distance along the floor shrinks by 0.912 per step instead of 0.97. Across the valley momentum pays for this: the ball keeps swinging from wall to wall, and the swing shrinks only by $\\sqrt{\\gamma}$ = √0.6 ≈ 0.775 per step, against |1 − 1.5| = 0.5 without momentum. At step 10 the across-valley distance is about 0.36 with momentum and 0.004 without.\n\nSo momentum does not reduce the oscillation here, as is often claimed: it wins because the time was spent along the floor. It damps the swing only where plain gradient descent’s factor $|1 - \\eta\\lambda_{\\max}|$ is larger than $\\sqrt{\\gamma}$ (with η = 1.9: 0.9 against 0.775).',
        '沿谷底方向，速度累积到约 $\\eta\\,\\nabla f/(1 - \\gamma)$，是普通一步的 2.5 倍：沿谷底的距离每步乘以 0.912，而不是 0.97。横跨山谷的方向则要为此付出代价：小球在两壁之间不停摆动，摆幅每步只缩小到 $\\sqrt{\\gamma}$ = √0.6 ≈ 0.775 倍，而不用动量时是 |1 − 1.5| = 0.5。到第 10 步，横向距离在有动量时约为 0.36，没有动量时只有 0.004。\n\n所以，与常见的说法相反，动量在这里并没有减少振荡：它之所以赢，是因为时间本来就花在沿谷底的方向上。只有当普通梯度下降的因子 $|1 - \\eta\\lambda_{\\max}|$ 大于 $\\sqrt{\\gamma}$ 时（例如 η = 1.9 时是 0.9 对 0.775），动量才会抑制摆动。',
      ),
    },
    {
      id: 'memory',
      title: text('The velocity persists', '速度跨步保留'),
      narration: text(
        'The velocity is memory: v must carry over from one step to the next. Code often found in tutorials creates it right before the update, inside the training loop:\n\n`V = np.zeros(W.shape)`\n`V = gamma * V + eta * G`\n`W = W - V`\n\nThen γ·V is zero at every step, V = η·G, and the “momentum” update is plain gradient descent. The run “velocity reset” does exactly that; “momentum 0.6” keeps its velocity.',
        '速度就是记忆：v 必须从一步带到下一步。教程里常见的代码却在训练循环之内、紧挨着更新之前创建它：\n\n`V = np.zeros(W.shape)`\n`V = gamma * V + eta * G`\n`W = W - V`\n\n这样每一步的 γ·V 都是零，V = η·G，所谓的“动量”更新就成了普通梯度下降。“速度每步清零”这次运行正是这样做的；“动量 0.6”则保留它的速度。',
      ),
      task: text(
        'Predict whether resetting the velocity changes anything. Press Play and compare the path of “velocity reset” with that of plain GD in the first step of this lesson.',
        '预测：把速度清零会不会有影响？按“播放”，把“速度每步清零”的路径与本课第一步中普通 GD 的路径比较。',
      ),
      experiment: {
        problem: valley,
        steps: 300,
        seed: 1,
        runs: [
          { label: 'velocity reset', optimizer: { kind: 'sgd', lr: 1.5 } },
          { label: 'momentum 0.6', optimizer: { kind: 'momentum', lr: 1.5, momentum: 0.6 } },
        ],
      },
      checkpoint: {
        kind: 'fasterThan',
        run: 'momentum 0.6',
        other: 'velocity reset',
        threshold: 1e-3,
        measure: 'steps',
      },
      goal: text(
        '“momentum 0.6” reaches 0.001 before “velocity reset”.',
        '“动量 0.6”比“速度每步清零”先到达 0.001。',
      ),
      explanation: text(
        'With the velocity reset, every step is −η·$\\nabla f$: the path is step for step that of plain gradient descent and needs 68 steps to reach 0.001, against 25 with the velocity kept. Initialise V once, before the loop, and keep it between updates — it is optimizer state, like the weights themselves.',
        '速度清零后，每一步都是 −η·$\\nabla f$：路径与普通梯度下降逐步相同，需要 68 步才到达 0.001；保留速度时只要 25 步。V 应在循环之前初始化一次，并在各次更新之间保留——它和权重一样，是优化器的状态。',
      ),
    },
    {
      id: 'optimal',
      title: text('The optimal γ', '最优的 γ'),
      narration: text(
        'For a quadratic, the theory (Polyak’s heavy ball) gives the best pair: $\\eta^* = 4/(\\sqrt{\\lambda_{\\max}} + \\sqrt{\\lambda_{\\min}})^2$ ≈ 3.07 and $\\gamma^* = \\left(\\frac{\\sqrt{\\kappa} - 1}{\\sqrt{\\kappa} + 1}\\right)^2$ ≈ 0.566. Its convergence rate is $(\\sqrt{\\kappa} - 1)/(\\sqrt{\\kappa} + 1)$ ≈ 0.75 per step, against $(\\kappa - 1)/(\\kappa + 1)$ ≈ 0.96 for the best plain gradient descent.\n\nThe theory panel shows these values and can apply them for you.',
        '对二次函数，理论（Polyak 的重球法）给出最佳组合：$\\eta^* = 4/(\\sqrt{\\lambda_{\\max}} + \\sqrt{\\lambda_{\\min}})^2$ ≈ 3.07，$\\gamma^* = \\left(\\frac{\\sqrt{\\kappa} - 1}{\\sqrt{\\kappa} + 1}\\right)^2$ ≈ 0.566。其收敛率为每步 $(\\sqrt{\\kappa} - 1)/(\\sqrt{\\kappa} + 1)$ ≈ 0.75，而最佳的普通梯度下降是 $(\\kappa - 1)/(\\kappa + 1)$ ≈ 0.96。\n\n理论面板会显示这些值，并可一键应用。',
      ),
      task: text(
        'Three runs: plain GD at η = 1.9, a popular γ = 0.9, and the optimal pair. Predict the order in which they reach 10⁻⁶, then press Play.',
        '三次运行：η = 1.9 的普通 GD、常用的 γ = 0.9，以及最优组合。预测它们到达 10⁻⁶ 的先后顺序，然后按“播放”。',
      ),
      experiment: {
        problem: valley,
        steps: 300,
        seed: 1,
        runs: [
          { label: 'GD η = 1.9', optimizer: { kind: 'sgd', lr: 1.9 } },
          { label: 'γ = 0.9', optimizer: { kind: 'momentum', lr: 1.5, momentum: 0.9 } },
          { label: 'optimal', optimizer: { kind: 'momentum', lr: 3.07, momentum: 0.566 } },
        ],
      },
      checkpoint: {
        kind: 'all',
        of: [
          {
            kind: 'fasterThan',
            run: 'optimal',
            other: 'γ = 0.9',
            threshold: 1e-6,
            measure: 'steps',
          },
          {
            kind: 'fasterThan',
            run: 'γ = 0.9',
            other: 'GD η = 1.9',
            threshold: 1e-6,
            measure: 'steps',
          },
        ],
      },
      goal: text(
        '“optimal” reaches 10⁻⁶ first, then “γ = 0.9”, then “GD η = 1.9”.',
        '“最优组合”最先到达 10⁻⁶，其次是“γ = 0.9”，最后是“GD η = 1.9”。',
      ),
      explanation: text(
        'Note that η* = 3.07 is far above plain gradient descent’s limit of 2: momentum raises the stability limit to $2(1 + \\gamma)/\\lambda_{\\max}$, here 2 × 1.566 ≈ 3.13, and the theory panel shows that limit for a momentum run. The gain grows with κ — the rate depends on √κ instead of κ — which is why momentum matters most on badly conditioned problems.',
        '注意 η* = 3.07 远高于普通梯度下降的上限 2：动量把稳定性上限提高到 $2(1 + \\gamma)/\\lambda_{\\max}$，这里是 2 × 1.566 ≈ 3.13；对动量运行，理论面板显示的正是这个上限。κ 越大收益越大——收敛率取决于 √κ 而不是 κ——这就是为什么动量在病态问题上最重要。',
      ),
    },
  ],
};
