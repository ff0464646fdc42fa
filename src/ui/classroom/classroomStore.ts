/**
 * Classroom state that lives beside the workspaces: the lesson in progress (remembered across
 * reloads), presenter mode, which classroom panel is open, and the notices shown under the
 * header (bad links, storage problems…). Notices hold message keys, not text, so they follow
 * a language switch.
 */
import { createStore } from 'zustand/vanilla';
import type { ConfigIssue } from '../../core/config/issue.ts';
import type { MessageKey } from '../../i18n/index.ts';

/**
 * A message under the header. `issues` (an experiment's validation issues) are listed under
 * it, worded when shown.
 */
export interface Notice {
  readonly id: number;
  readonly tone: 'error' | 'warning' | 'info';
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly issues?: readonly ConfigIssue[];
  /** A second message after the first (e.g. the reason after the title). */
  readonly detailKey?: MessageKey;
  readonly detailParams?: Readonly<Record<string, string | number>>;
}

export type ClassroomPanel = 'lessons' | 'saved' | 'shortcuts' | null;

export interface LessonProgress {
  readonly lessonId: string;
  /** Index into the lesson's steps. */
  readonly step: number;
}

export interface ClassroomState {
  readonly lesson: LessonProgress | null;
  readonly presenter: boolean;
  readonly panel: ClassroomPanel;
  readonly notices: readonly Notice[];
}

/** localStorage key of the lesson in progress. */
export const LESSON_STORAGE_KEY = 'descent-lab.lesson';

function readProgress(): LessonProgress | null {
  try {
    const raw =
      typeof localStorage === 'undefined' ? null : localStorage.getItem(LESSON_STORAGE_KEY);
    if (!raw) return null;
    const json = JSON.parse(raw) as { lessonId?: unknown; step?: unknown };
    if (typeof json.lessonId !== 'string') return null;
    if (typeof json.step !== 'number' || !Number.isInteger(json.step)) return null;
    // The lesson player (loaded with the lessons) drops an unknown lesson and clamps the step.
    return { lessonId: json.lessonId, step: Math.max(json.step, 0) };
  } catch {
    return null;
  }
}

function writeProgress(progress: LessonProgress | null): void {
  try {
    if (progress) localStorage.setItem(LESSON_STORAGE_KEY, JSON.stringify(progress));
    else localStorage.removeItem(LESSON_STORAGE_KEY);
  } catch {
    // Not remembering lesson progress loses nothing the learner made.
  }
}

let nextNoticeId = 1;

export const classroomStore = createStore<ClassroomState>()(() => ({
  lesson: readProgress(),
  presenter: false,
  panel: null,
  notices: [],
}));

/** Shows a notice; a notice with the same key replaces the older one. Returns its id. */
export function notify(notice: Omit<Notice, 'id'>): number {
  const id = nextNoticeId++;
  classroomStore.setState((s) => ({
    notices: [...s.notices.filter((n) => n.key !== notice.key), { ...notice, id }],
  }));
  return id;
}

export function dismissNotice(id: number): void {
  classroomStore.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Removes the notices with these keys (e.g. a storage problem that went away). */
export function clearNotices(...keys: MessageKey[]): void {
  classroomStore.setState((s) => ({ notices: s.notices.filter((n) => !keys.includes(n.key)) }));
}

export function setLessonProgress(progress: LessonProgress | null): void {
  writeProgress(progress);
  classroomStore.setState({
    lesson: progress,
    ...(progress ? {} : { presenter: false }),
  });
}

export function setPresenter(presenter: boolean): void {
  classroomStore.setState({ presenter });
}

export function openPanel(panel: ClassroomPanel): void {
  classroomStore.setState({ panel });
}
