/** Lesson 5: momentum's two update conventions, and what a learning-rate change does to each. */
import type { Lesson } from '../lesson.ts';
import { quadratic, text, whichFirst } from './text.ts';

const bowl = quadratic(10);

const forms = (schedule?: unknown, steps = 200) => ({
  problem: bowl,
  steps,
  seed: 1,
  runs: [
    {
      label: 'classic',
      optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9, form: 'classic' },
      ...(schedule ? { schedule } : {}),
    },
    {
      label: 'PyTorch',
      optimizer: { kind: 'momentum', lr: 0.1, momentum: 0.9, form: 'pytorch' },
      ...(schedule ? { schedule } : {}),
    },
  ],
});

export const momentumForms: Lesson = {
  id: 'momentum-forms',
  title: text('Two ways to write momentum', '动量的两种写法'),
  summary: text(
    'η inside or outside the velocity: the same path at a constant rate, different paths when η changes.',
    'η 在速度之内还是之外：学习率不变时路径相同，学习率改变时路径不同。',
  ),
  steps: [
    {
      id: 'same-path',
      title: text('Same path…', '同一条路径……'),
      narration: text(
        'Textbooks usually write momentum with the learning rate inside the velocity (“classic”): $v \\leftarrow \\gamma v + \\eta g$, $\\theta \\leftarrow \\theta - v$.\n\nPyTorch puts it outside: $v \\leftarrow \\mu v + g$, $\\theta \\leftarrow \\theta - \\eta v$. Here the velocity is a running sum of gradients, and η scales the step at the moment it is taken.',
        '教科书通常把学习率写在速度之内（“经典形式”）：$v \\leftarrow \\gamma v + \\eta g$，$\\theta \\leftarrow \\theta - v$。\n\nPyTorch 把它放在外面：$v \\leftarrow \\mu v + g$，$\\theta \\leftarrow \\theta - \\eta v$。这里速度是梯度的累加和，η 在迈步的那一刻才缩放步长。',
      ),
      task: text(
        'Both runs use η = 0.1 and γ = μ = 0.9. Predict: do the paths differ? Press Play.',
        '两次运行都用 η = 0.1、γ = μ = 0.9。预测：两条路径会不同吗？按“播放”。',
      ),
      experiment: forms(),
      // In exact arithmetic the paths are equal; in doubles each step rounds at ~1e-16 of
      // |θ| ≤ 4.5, and the stable iteration keeps the accumulated gap below ~1e-12 in 200 steps
      // (measured: 4.4e-16). 1e-9 leaves room for that and catches any real difference: a
      // change of η or γ by 1 % moves the path by more than 1e-3 (the lesson tests check both).
      checkpoint: { kind: 'coincide', run: 'classic', other: 'PyTorch', tolerance: 1e-9 },
      goal: text(
        'Both runs finish, and at every step the two points are less than 10⁻⁹ apart.',
        '两次运行都完成，并且每一步两个点的距离都小于 10⁻⁹。',
      ),
      explanation: text(
        'The paths coincide: with a constant η, the classic velocity is exactly η times the PyTorch velocity, so the steps are the same.',
        '两条路径完全重合：当 η 不变时，经典形式的速度恰好是 PyTorch 速度的 η 倍，所以每一步都一样。',
      ),
    },
    {
      id: 'rate-drop',
      prediction: whichFirst(
        text('Which run gets below a loss of 0.01 first?', '哪次运行先把损失降到 0.01 以下？'),
        [
          ['classic', '经典形式'],
          ['PyTorch', 'PyTorch 形式'],
        ],
        0.01,
      ),
      title: text('…until η changes', '……直到 η 改变'),
      narration: text(
        'Now a step schedule cuts η tenfold every 20 steps (0.1 → 0.01 at step 20, → 0.001 at step 40, …), in both runs.\n\nIn the classic form the velocity was built with the old η and keeps it: the ball coasts on at full speed and slows down only gradually. In the PyTorch form the very next step is ten times shorter.',
        '现在用阶梯式调度每 20 步把 η 降为十分之一（第 20 步 0.1 → 0.01，第 40 步 → 0.001，……），两次运行都一样。\n\n在经典形式中，速度是用旧的 η 累积起来的，并保留着它：小球继续全速滑行，只会逐渐减速。在 PyTorch 形式中，紧接着的下一步就缩短为十分之一。',
      ),
      task: text(
        'Predict which run gets below a loss of 0.01 first. Press Play, and watch the paths around step 20.',
        '预测哪次运行先把损失降到 0.01 以下。按“播放”，注意第 20 步前后的路径。',
      ),
      experiment: forms({ kind: 'step', stepSize: 20, gamma: 0.1 }),
      checkpoint: {
        kind: 'fasterThan',
        run: 'PyTorch',
        other: 'classic',
        threshold: 0.01,
        measure: 'steps',
      },
      goal: text('“PyTorch” reaches 0.01 before “classic”.', '“PyTorch”比“经典形式”先到达 0.01。'),
      explanation: text(
        'The classic run coasts past the minimum with its old speed, and by the time it turns round η is tiny. The PyTorch run reacts at once. Neither is wrong, but a learning-rate schedule does not mean the same thing in the two conventions — check which one a paper or library uses.',
        '经典形式的运行带着原来的速度滑过了最小值，等它掉头时 η 已经很小了。PyTorch 形式的运行则立即作出反应。两者都没有错，但同一个学习率调度在两种写法下含义不同——读论文或用库时要看清用的是哪一种。',
      ),
    },
    {
      id: 'live-change',
      title: text('Your turn: a live change', '动手试试：实时修改'),
      narration: text(
        'The app lets you change η while a run is going: the change applies at the next step and is marked on the curves.',
        '本应用允许在运行过程中修改 η：修改从下一步开始生效，并在曲线上标出。',
      ),
      task: text(
        'Set the speed to 4 steps/s and press Play; pause around step 15 (or press Step 15 times). Set the learning rate of both runs to 0.01, then press Play again and watch how each run reacts.',
        '把速度设为每秒 4 步，按“播放”；在第 15 步左右暂停（或按 15 次“单步”）。把两次运行的学习率都改为 0.01，然后再按“播放”，观察每次运行如何反应。',
      ),
      experiment: forms(undefined, 400),
      solution: { kind: 'live', atStep: 15, lr: { classic: 0.01, PyTorch: 0.01 } },
      checkpoint: {
        kind: 'all',
        of: [
          { kind: 'sameRateChange', run: 'classic', other: 'PyTorch' },
          { kind: 'separate', run: 'classic', other: 'PyTorch', distance: 0.05 },
        ],
      },
      goal: text(
        'With the same η change made to both runs at the same step, the paths of “classic” and “PyTorch” separate.',
        '在同一步对两次运行做了相同的 η 修改之后，“经典形式”和“PyTorch”的路径分开了。',
      ),
      explanation: text(
        'Until the change the two runs were one; from the change on, the classic run carries its old velocity while the PyTorch run slows at once. Which one arrives first depends on when you changed η — the stored velocity may carry the classic run to the minimum, or past it. Try Reset and change η at another step.',
        '修改之前两次运行完全一致；修改之后，经典形式的运行带着原来的速度继续前进，而 PyTorch 形式的运行立即减速。哪个先到达取决于你何时修改 η——保存的速度可能把 经典形式的运行带到最小值，也可能带过头。试试“重置”，在另一步修改 η。',
      ),
    },
  ],
};
