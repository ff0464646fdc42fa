/**
 * What the page opens with. A share link (`#e=…`) wins; a link that cannot be opened shows
 * its reason and the default experiments — nothing from the link. Without a link, each
 * workspace gets its autosaved experiment back, or its default.
 */
import type { Experiment } from '../../core/config/experiment.ts';
import { workspaceOf } from '../../core/lessons/lesson.ts';
import type { ExperimentStorage } from '../../store/persistence.ts';
import {
  MAX_SHARED_JSON_BYTES,
  sharePayload,
  type DecodeResult,
  type ShareError,
} from '../../store/experimentJson.ts';
import type { WorkspaceId } from '../workspaces.ts';
import { notify, type Notice } from './classroomStore.ts';

export interface Startup {
  /** The experiment each workspace starts with. */
  readonly initial: { readonly [K in WorkspaceId]: Experiment };
  /** The workspace to show first (the shared experiment's), if not the default. */
  readonly workspace: WorkspaceId | null;
  /** Whether the URL hash held a share link (the caller removes it once read). */
  readonly hadLink: boolean;
  readonly notices: readonly Omit<Notice, 'id'>[];
}

/** The notice for a link or file that could not be opened. */
export function shareErrorNotice(
  error: ShareError,
  /** A link opening the page, a link pasted into an open page (which keeps its experiment), or a file. */
  from: 'link' | 'pastedLink' | 'file',
  fileName = '',
): Omit<Notice, 'id'> {
  const source = from === 'file' ? 'file' : 'link';
  const title =
    from === 'link'
      ? ('share.error.title' as const)
      : from === 'pastedLink'
        ? ('share.error.titleKept' as const)
        : ('file.error.title' as const);
  const params = source === 'link' ? {} : { name: fileName };
  const limit = Math.round((error.limitBytes ?? MAX_SHARED_JSON_BYTES) / 1024);
  const detail = (() => {
    switch (error.code) {
      case 'base64':
        return { detailKey: 'share.error.base64' as const };
      case 'deflate':
        return { detailKey: 'share.error.deflate' as const };
      case 'checksum':
        return { detailKey: 'share.error.checksum' as const };
      case 'tooLarge':
        return source === 'link'
          ? { detailKey: 'share.error.tooLarge' as const, detailParams: { limit } }
          : {
              detailKey: 'file.error.tooLarge' as const,
              detailParams: { size: Math.ceil((error.size ?? 0) / 1024), limit },
            };
      case 'json':
        return {
          detailKey:
            source === 'link' ? ('share.error.json' as const) : ('file.error.json' as const),
        };
      case 'invalid':
        return {
          detailKey:
            source === 'link' ? ('share.error.invalid' as const) : ('file.error.invalid' as const),
        };
    }
  })();
  const issues = error.issues.length ? { issues: error.issues } : {};
  return { tone: 'error', key: title, params, ...detail, ...issues };
}

/**
 * Decides the starting experiments from the shared link (`shared`: the URL hash decoded by
 * share.ts's readShareHash, null when there is none), the autosaves and the defaults.
 */
export function readStartup(
  shared: DecodeResult | null,
  storage: ExperimentStorage,
  defaults: { readonly [K in WorkspaceId]: Experiment },
): Startup {
  const ids = Object.keys(defaults) as WorkspaceId[];
  if (shared) {
    if (!shared.ok) {
      return {
        initial: defaults,
        workspace: null,
        hadLink: true,
        notices: [shareErrorNotice(shared.error, 'link')],
      };
    }
    const workspace = workspaceOf(shared.value.problem.kind);
    return {
      initial: { ...defaults, [workspace]: shared.value },
      workspace,
      hadLink: true,
      notices: [],
    };
  }
  const initial: Record<WorkspaceId, Experiment> = { ...defaults };
  const notices: Omit<Notice, 'id'>[] = [];
  let restored = false;
  for (const id of ids) {
    const saved = storage.readAutosave(id);
    if (saved.ok) {
      if (saved.value) {
        initial[id] = saved.value;
        restored = true;
      }
    } else if (saved.problem === 'corrupt') {
      notices.push({ tone: 'warning', key: 'storage.autosaveInvalid' });
    } else if (
      saved.problem === 'unavailable' &&
      notices.every((n) => n.key !== 'storage.unavailable')
    ) {
      notices.push({ tone: 'info', key: 'storage.unavailable' });
    }
  }
  if (restored) notices.push({ tone: 'info', key: 'storage.autosaveRestored' });
  return { initial, workspace: null, hadLink: false, notices };
}

/** Removes a share link from the address bar once read, so a reload restores the autosave. */
export function forgetShareHash(): void {
  if (typeof history === 'undefined' || typeof location === 'undefined') return;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/**
 * The page's start: reads `location.hash` and the autosaves, queues the notices, and takes
 * the share link out of the address bar.
 */
export async function pageStartup(
  storage: ExperimentStorage,
  defaults: { readonly [K in WorkspaceId]: Experiment },
): Promise<Startup> {
  // The link codec is fetched only when the page was opened from a share link.
  const shared =
    sharePayload(location.hash) === null
      ? null
      : (await import('../../store/share.ts')).readShareHash(location.hash);
  const startup = readStartup(shared, storage, defaults);
  for (const notice of startup.notices) notify(notice);
  if (startup.hadLink) forgetShareHash();
  return startup;
}
