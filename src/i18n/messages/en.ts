/**
 * The English message catalogue: the reference every other language must match key for key
 * and placeholder for placeholder. Keys are dotted by area (`playback.play`); `{name}` marks a
 * placeholder filled by `t(key, { name })`, numbers formatted for the locale.
 */
export const en = {
  // ── app shell
  'app.title': 'Descent Lab',
  'app.tagline': 'An interactive laboratory for gradient descent.',
  'app.skipToContent': 'Skip to content',
  'app.workspaces': 'Workspaces',
  'workspace.explorer.title': 'Surface explorer',
  'workspace.explorer.summary': 'Optimizers racing on 2D loss surfaces',
  'workspace.batch.title': 'Batch lab',
  'workspace.batch.summary': 'Full-batch, mini-batch and stochastic gradients on a line fit',
  'workspace.cnn.title': 'CNN lab',
  'workspace.cnn.summary':
    'A small convnet learning handwritten digits live, optimizers side by side',
  'workspace.lessons.title': 'Lessons',
  'workspace.lessons.summary': 'Guided, step-by-step lessons',

  // ── language
  'language.label': 'Language',
  'language.en': 'English',
  'language.zh-CN': '简体中文',

  // ── playback
  'playback.group': 'Playback',
  'playback.play': 'Play',
  'playback.pause': 'Pause',
  'playback.step': 'Step',
  'playback.reset': 'Reset',
  'playback.speed': 'Speed',
  'playback.stepOf': 'Step {step} of {steps}',

  // ── run status announcements (ARIA live region)
  'status.started': 'Training started.',
  'status.paused': 'Paused at step {step}.',
  'status.reset': 'Reset to step 0.',
  'status.stepped': 'Step {step}.',
  'status.finished': 'Run “{label}” finished after {steps} steps.',
  'status.allFinished': 'Every run has stopped.',
  'status.diverged': 'Run “{label}” diverged: {reason}',

  // ── keyboard shortcuts
  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.open': 'Shortcuts',
  'shortcuts.close': 'Close',
  'shortcuts.playPause': 'Play or pause',
  'shortcuts.step': 'Take one step',
  'shortcuts.reset': 'Reset the runs',
  'shortcuts.help': 'Show this list',
  'shortcuts.nextStep': 'Next lesson step',
  'shortcuts.previousStep': 'Previous lesson step',
  'shortcuts.presenter': 'Presenter mode on or off',
  'shortcuts.note': 'Shortcuts are off while you type in a field.',
  'key.space': 'Space',
  'key.right': '→',
  'key.r': 'R',
  'key.question': '?',
  'key.pageDown': 'Page Down',
  'key.pageUp': 'Page Up',
  'key.p': 'P',

  // ── share links
  'share.button': 'Share link',
  'share.copied': 'Link copied. Anyone who opens it sees this exact experiment.',
  'share.copyFailed': 'Could not copy automatically; select the link below and copy it.',
  'share.linkLabel': 'Link to this experiment',
  'share.tooLong':
    'This experiment makes a very long link ({length} characters); some apps may cut it. Export it as a file instead if the link does not open.',
  'share.error.title': 'This link could not be opened, so the default experiment is shown.',
  'share.error.base64':
    'The link is damaged: it contains characters a share link never has. It may have been cut or changed when it was copied.',
  'share.error.deflate':
    'The link is damaged: its compressed data is incomplete or altered. It may have been cut off when it was copied.',
  'share.error.checksum': 'The link is damaged: its data does not match its checksum.',
  'share.error.tooLarge':
    'The link holds more data than any experiment needs (over {limit} kB), so it was not opened.',
  'share.error.json': 'The link does not contain an experiment (its data is not valid JSON).',
  'share.error.invalid': 'The link contains an experiment this app cannot run:',

  // ── import / export
  'file.import': 'Open file…',
  'file.importLabel': 'Experiment file (JSON)',
  'file.imported': 'Opened “{name}”.',
  'file.error.title': 'The file “{name}” was not opened; the current experiment is unchanged.',
  'file.error.tooLarge': 'The file is {size} kB; an experiment file is at most {limit} kB.',
  'file.error.read': 'The file could not be read.',
  'file.error.json': 'The file is not valid JSON.',
  'file.error.invalid': 'The file is not an experiment this app can run:',
  'export.menu': 'Export',
  'export.experiment': 'Experiment (.json)',
  'export.historyCsv': 'Run histories (.csv)',
  'export.historyJson': 'Run histories (.json)',
  'export.plotPng': 'Plot “{title}” as PNG',
  'export.plotSvg': 'Plot “{title}” as SVG',
  'export.noHistory': 'Nothing to export yet: press Play or Step first.',
  'export.done': 'Saved {file}.',
  'export.failed': 'Export failed: {reason}',
  'export.decimated':
    'Older steps are thinned in the live history; the export holds every step kept ({count} rows).',

  // ── saved experiments and autosave
  'saved.title': 'Saved experiments',
  'saved.open': 'Saved',
  'saved.nameLabel': 'Name',
  'saved.defaultName': 'Experiment {n}',
  'saved.save': 'Save current',
  'saved.load': 'Open',
  'saved.rename': 'Rename',
  'saved.renameTo': 'New name for “{name}”',
  'saved.delete': 'Delete',
  'saved.confirmDelete': 'Delete “{name}”? This cannot be undone.',
  'saved.empty': 'No saved experiments yet.',
  'saved.savedAt': 'saved {date}',
  'saved.saved': 'Saved “{name}”.',
  'saved.loaded': 'Opened “{name}”.',
  'saved.deleted': 'Deleted “{name}”.',
  'saved.renamed': 'Renamed to “{name}”.',
  'saved.workspace': 'in {workspace}',
  'storage.unavailable':
    'This browser does not let the page store data (private mode or blocked storage). Nothing is saved between visits: export your experiment as a file to keep it.',
  'storage.full':
    'Storage is full, so “{name}” was not saved. Delete some saved experiments, or export it as a file.',
  'storage.autosaveFull':
    'Storage is full: the latest changes were not autosaved. Delete some saved experiments or export this one as a file.',
  'storage.corrupt': '{count} saved entries could not be read and were set aside (not deleted).',
  'storage.autosaveRestored': 'Your last experiment was restored.',
  'storage.autosaveInvalid':
    'The autosaved experiment could not be read, so the default experiment is shown. The old data was kept aside.',
  'storage.notFound': 'That saved experiment no longer exists.',

  // ── lessons
  'lesson.title': 'Lessons',
  'lesson.choose': 'Choose a lesson',
  'lesson.start': 'Start lesson',
  'lesson.exit': 'Leave lesson',
  'lesson.progress': 'Step {step} of {steps}',
  'lesson.previous': 'Previous',
  'lesson.next': 'Next',
  'lesson.finish': 'Finish',
  'lesson.task': 'Your turn',
  'lesson.checkpoint': 'Checkpoint',
  'lesson.checkpointWaiting': 'Not reached yet',
  'lesson.checkpointReached': 'Reached!',
  'lesson.checkpointNone': 'No checkpoint in this step: read, then go on.',
  'lesson.reload': 'Reload this step’s experiment',
  'lesson.stepsLabel': 'Lesson steps',
  'lesson.goToStep': 'Go to step {step}',
  'lesson.presenter': 'Presenter mode',
  'lesson.presenterExit': 'Leave presenter mode',
  'lesson.completed': 'Lesson complete. Well done!',
  'lesson.count': '{count} steps',
  'lesson.workspace': 'Opens in: {workspace}',
  'lesson.notAvailable': 'This step needs the {workspace}, which is not available yet.',

  // ── app shell (more)
  'app.skipToWorkspace': 'Skip to the workspace',
  'app.workspaceFailed': 'This workspace could not be shown:',
  'app.tryAgain': 'Try again',

  // ── playback (more)
  'playback.speed1': '1 step/s (slow motion)',
  'playback.speed4': '4 steps/s',
  'playback.speed15': '15 steps/s',
  'playback.speed60': '60 steps/s',
  'playback.speed250': '250 steps/s',
  'playback.speedMax': 'Maximum',
  'playback.allStopped': 'Every run has stopped: Reset, or raise the step budget.',

  // ── errors
  'errors.trainingStopped': 'Training stopped.',
  'errors.keptSettings': 'Your settings and curves are kept.',
  'errors.restart': 'Restart',
  'errors.notApplied': 'That change was not applied:',
  'errors.dismiss': 'Dismiss',

  // ── examples
  'presets.label': 'Example',
  'presets.choose': 'Open an example…',
  'presets.loading': 'Loading “{title}”…',
  'presets.loaded': 'Loaded “{title}”.',
  'presets.failed': 'Could not open “{title}”: {reason}',
  'presets.ravine': 'Ravine: SGD vs momentum',
  'presets.rosenbrock': 'Rosenbrock: momentum with step decay',
  'presets.beale': 'Beale: AdaGrad, RMSprop and Adam',
  'presets.batch': 'Full batch, mini-batch 8 and stochastic',
  'presets.mnist': 'MNIST: SGD vs momentum',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;

/** The shape every catalogue has: one string per key of the English catalogue. */
export type Catalogue = { readonly [K in MessageKey]: string };
