/**
 * `descent-lab lessons`: the lesson catalogue as JSON (ids, titles, steps, texts in both
 * languages, each checkpoint's and prediction's kind and parameters), or as a printable
 * Markdown handout in one language: narration, task, the prediction with space to answer.
 */
import { LESSONS, type Lesson, type LessonStep } from '../core/lessons/index.ts';
import { parseCommandArgs } from './args.ts';
import { CliError, EXIT } from './errors.ts';
import { LineOutput } from './output.ts';

export const LESSONS_USAGE = 'descent-lab lessons [--format json|md] [--lang en|zh-CN]';

type Lang = 'en' | 'zh-CN';

/** The handout's own words, per language. */
const WORDS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  en: {
    step: 'Step',
    task: 'Your turn',
    predict: 'Predict',
    goal: 'Checkpoint',
    answer: 'Your answer and why',
    observed: 'What you saw',
    guess: 'Your point (x, y), marked on a sketch of the map',
    colon: ':',
  },
  'zh-CN': {
    step: '第',
    task: '动手',
    predict: '预测',
    goal: '过关目标',
    answer: '你的答案和理由',
    observed: '你观察到的结果',
    guess: '你预测的点 (x, y)，标在等高线图的草图上',
    colon: '：',
  },
};

/** The Markdown handout of `lessons` in `lang`. */
export function lessonHandout(lessons: readonly Lesson[], lang: Lang): string {
  const w = WORDS[lang];
  const lines: string[] = [];
  const stepHeading = (i: number, step: LessonStep) =>
    lang === 'en'
      ? `${w.step} ${i + 1}. ${step.title.en}`
      : `${w.step} ${i + 1} 步：${step.title[lang]}`;
  for (const lesson of lessons) {
    lines.push(`# ${lesson.title[lang]}`, '', `*${lesson.summary[lang]}*`, '');
    lesson.steps.forEach((step, i) => {
      lines.push(`## ${stepHeading(i, step)}`, '', step.narration[lang], '');
      lines.push(`**${w.task}${w.colon}** ${step.task[lang]}`, '');
      if (step.prediction) {
        lines.push(`**${w.predict}${w.colon}** ${step.prediction.question[lang]}`, '');
        if (step.prediction.kind === 'choice')
          for (const option of step.prediction.options) lines.push(`- [ ] ${option.label[lang]}`);
        else lines.push(`${w.guess}${w.colon}`);
        lines.push('', `${w.answer}${w.colon}`, '', '\\', '\\', '\\', '');
      }
      if (step.checkpoint.kind !== 'none')
        lines.push(`**${w.goal}${w.colon}** ${step.goal[lang]}`, '');
      lines.push(`${w.observed}${w.colon}`, '', '\\', '\\', '');
    });
    lines.push('---', '');
  }
  return lines.join('\n');
}

/** The catalogue as plain data: everything a lesson is, except the experiments' own JSON. */
export function lessonCatalogue(lessons: readonly Lesson[]): unknown {
  return lessons.map((lesson) => ({
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    steps: lesson.steps.map((step) => ({
      id: step.id,
      title: step.title,
      narration: step.narration,
      task: step.task,
      goal: step.goal,
      explanation: step.explanation,
      checkpoint: step.checkpoint,
      ...(step.prediction ? { prediction: step.prediction } : {}),
      ...(step.solution ? { solution: step.solution } : {}),
      experiment: step.experiment,
    })),
  }));
}

export async function lessonsCommand(args: readonly string[]): Promise<number> {
  const usage = `usage: ${LESSONS_USAGE}`;
  const { values, positionals } = parseCommandArgs(args, { format: {}, lang: {} }, usage);
  if (positionals.length > 0) throw new CliError(`unexpected '${positionals[0]}'; ${usage}`);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'md')
    throw new CliError(`--format must be json or md (got '${format}')`);
  const lang = values.lang ?? 'en';
  if (lang !== 'en' && lang !== 'zh-CN')
    throw new CliError(`--lang must be en or zh-CN (got '${lang}')`);
  if (format === 'json' && values.lang !== undefined)
    throw new CliError('--lang applies to --format md (the JSON has both languages)');
  const output = new LineOutput();
  output.line(
    format === 'json'
      ? JSON.stringify(lessonCatalogue(LESSONS), null, 2)
      : lessonHandout(LESSONS, lang),
  );
  await output.end();
  return EXIT.ok;
}
