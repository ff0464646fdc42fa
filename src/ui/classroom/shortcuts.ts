/**
 * Keyboard shortcuts of the whole page: Space = Play/Pause, → = Step, R = Reset, ? = the list,
 * Page Down / Page Up = next / previous lesson step (what presentation clickers send).
 * They never fire while the user types, or when the focused control uses the key itself
 * (a button's Space, a slider's or a tab list's arrows, a chart's arrow-key readout).
 */
import type { PlainMessageKey } from '../../i18n/index.ts';

export type ShortcutAction = 'playPause' | 'step' | 'reset' | 'help' | 'nextStep' | 'previousStep';

export interface Shortcut {
  readonly action: ShortcutAction;
  /** `KeyboardEvent.key` values that trigger it. */
  readonly keys: readonly string[];
  /** The key as shown in the list. */
  readonly label: PlainMessageKey;
  readonly description: PlainMessageKey;
  /** Only while a lesson is open. */
  readonly lessonOnly?: boolean;
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    action: 'playPause',
    keys: [' ', 'Spacebar'],
    label: 'key.space',
    description: 'shortcuts.playPause',
  },
  {
    action: 'step',
    keys: ['ArrowRight', 'Right'],
    label: 'key.right',
    description: 'shortcuts.step',
  },
  { action: 'reset', keys: ['r', 'R'], label: 'key.r', description: 'shortcuts.reset' },
  { action: 'help', keys: ['?'], label: 'key.question', description: 'shortcuts.help' },
  {
    action: 'nextStep',
    keys: ['PageDown'],
    label: 'key.pageDown',
    description: 'shortcuts.nextStep',
    lessonOnly: true,
  },
  {
    action: 'previousStep',
    keys: ['PageUp'],
    label: 'key.pageUp',
    description: 'shortcuts.previousStep',
    lessonOnly: true,
  },
];

/** Elements that take typing or use these keys themselves. */
const OWNS_KEYS = [
  'input',
  'textarea',
  'select',
  'button',
  'a[href]',
  'summary',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="slider"]',
  '[role="tab"]',
  '[role="spinbutton"]',
  '[role="listbox"]',
  '[role="menu"]',
  '[role="menuitem"]',
  '[role="textbox"]',
  '[role="grid"]',
  // Focusable widgets with their own key handling (charts read values with the arrow keys).
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** Controls that still take typing or arrow keys in presenter mode. */
const TAKES_TYPING = [
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="slider"]',
  '[role="spinbutton"]',
  '[role="textbox"]',
].join(', ');

/**
 * The shortcut a key event asks for, or null when the page should leave the key alone. In
 * presenter mode a clicker's keys (Space, →, Page Up / Down) win over a focused button, whose
 * Space would otherwise press it: the presenter cannot see where focus is.
 */
export function shortcutFor(
  event: KeyboardEvent,
  lessonOpen: boolean,
  presenter = false,
): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  const target = event.target;
  if (target instanceof Element && target.closest(presenter ? TAKES_TYPING : OWNS_KEYS))
    return null;
  const shortcut = SHORTCUTS.find((s) => s.keys.includes(event.key));
  if (!shortcut || (shortcut.lessonOnly && !lessonOpen)) return null;
  return shortcut.action;
}
