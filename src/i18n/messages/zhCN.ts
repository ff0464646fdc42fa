/**
 * The Simplified Chinese catalogue. `satisfies Catalogue` makes a missing or extra key a type
 * error; the unit test checks that every message keeps the English placeholders.
 */
import type { Catalogue } from './en.ts';

export const zhCN = {
  // ── app shell
  'app.title': 'Descent Lab 梯度下降实验室',
  'app.tagline': '一个可交互的梯度下降实验室。',
  'app.skipToContent': '跳到正文',
  'app.workspaces': '工作区',
  'workspace.explorer.title': '曲面探索',
  'workspace.explorer.summary': '多个优化器在二维损失曲面上同场竞速',
  'workspace.batch.title': '批量实验室',
  'workspace.batch.summary': '在直线拟合上比较全批量、小批量与随机梯度',
  'workspace.cnn.title': 'CNN 实验室',
  'workspace.cnn.summary': '实时观看一个小型卷积网络学习手写数字，多个优化器并排比较',
  'workspace.lessons.title': '课程',
  'workspace.lessons.summary': '循序渐进的引导式课程',

  // ── language
  'language.label': '语言',
  'language.en': 'English',
  'language.zh-CN': '简体中文',

  // ── playback
  'playback.group': '播放控制',
  'playback.play': '播放',
  'playback.pause': '暂停',
  'playback.step': '单步',
  'playback.reset': '重置',
  'playback.speed': '速度',
  'playback.stepOf': '第 {step} 步，共 {steps} 步',

  // ── run status announcements (ARIA live region)
  'status.started': '训练已开始。',
  'status.paused': '已在第 {step} 步暂停。',
  'status.reset': '已重置到第 0 步。',
  'status.stepped': '第 {step} 步。',
  'status.finished': '运行“{label}”已完成 {steps} 步。',
  'status.allFinished': '所有运行均已停止。',
  'status.diverged': '运行“{label}”发散了：{reason}',

  // ── keyboard shortcuts
  'shortcuts.title': '键盘快捷键',
  'shortcuts.open': '快捷键',
  'shortcuts.close': '关闭',
  'shortcuts.playPause': '播放或暂停',
  'shortcuts.step': '前进一步',
  'shortcuts.reset': '重置所有运行',
  'shortcuts.help': '显示此列表',
  'shortcuts.nextStep': '课程下一步',
  'shortcuts.previousStep': '课程上一步',
  'shortcuts.presenter': '开启或关闭演示模式',
  'shortcuts.note': '在输入框中打字时快捷键不起作用。',
  'key.space': '空格',
  'key.right': '→',
  'key.r': 'R',
  'key.question': '?',
  'key.pageDown': 'Page Down',
  'key.pageUp': 'Page Up',
  'key.p': 'P',

  // ── share links
  'share.button': '分享链接',
  'share.copied': '链接已复制。打开它的人会看到完全相同的实验。',
  'share.copyFailed': '无法自动复制；请选中下面的链接并手动复制。',
  'share.linkLabel': '此实验的链接',
  'share.tooLong':
    '此实验生成的链接很长（{length} 个字符），有些应用可能会截断它。如果链接打不开，请改为导出文件。',
  'share.error.title': '无法打开此链接，因此显示默认实验。',
  'share.error.base64':
    '链接已损坏：其中含有分享链接中不会出现的字符。它可能在复制时被截断或修改了。',
  'share.error.deflate': '链接已损坏：压缩数据不完整或被改动。它可能在复制时被截断了。',
  'share.error.checksum': '链接已损坏：数据与校验和不符。',
  'share.error.tooLarge': '链接中的数据远超任何实验所需（超过 {limit} kB），因此没有打开。',
  'share.error.json': '链接中没有实验（数据不是有效的 JSON）。',
  'share.error.invalid': '链接中的实验无法在本应用中运行：',

  // ── import / export
  'file.import': '打开文件…',
  'file.importLabel': '实验文件（JSON）',
  'file.imported': '已打开“{name}”。',
  'file.error.title': '没有打开文件“{name}”；当前实验保持不变。',
  'file.error.tooLarge': '该文件大小为 {size} kB；实验文件最大为 {limit} kB。',
  'file.error.read': '无法读取该文件。',
  'file.error.json': '该文件不是有效的 JSON。',
  'file.error.invalid': '该文件不是本应用能运行的实验：',
  'export.menu': '导出',
  'export.experiment': '实验（.json）',
  'export.historyCsv': '运行历史（.csv）',
  'export.historyJson': '运行历史（.json）',
  'export.plotPng': '将图“{title}”导出为 PNG',
  'export.plotSvg': '将图“{title}”导出为 SVG',
  'export.noHistory': '还没有可导出的数据：请先按“播放”或“单步”。',
  'export.done': '已保存 {file}。',
  'export.failed': '导出失败：{reason}',
  'export.decimated': '实时历史中较早的步骤已被抽稀；导出包含所有保留的步骤（{count} 行）。',

  // ── saved experiments and autosave
  'saved.title': '已保存的实验',
  'saved.open': '已保存',
  'saved.nameLabel': '名称',
  'saved.defaultName': '实验 {n}',
  'saved.save': '保存当前实验',
  'saved.load': '打开',
  'saved.rename': '重命名',
  'saved.renameTo': '“{name}”的新名称',
  'saved.delete': '删除',
  'saved.confirmDelete': '删除“{name}”？此操作无法撤销。',
  'saved.empty': '还没有保存的实验。',
  'saved.savedAt': '保存于 {date}',
  'saved.saved': '已保存“{name}”。',
  'saved.loaded': '已打开“{name}”。',
  'saved.deleted': '已删除“{name}”。',
  'saved.renamed': '已重命名为“{name}”。',
  'saved.workspace': '位于{workspace}',
  'storage.unavailable':
    '此浏览器不允许页面存储数据（隐私模式或存储被禁用）。两次访问之间不会保存任何内容：请将实验导出为文件以便保留。',
  'storage.full': '存储空间已满，因此没有保存“{name}”。请删除一些已保存的实验，或将其导出为文件。',
  'storage.autosaveFull':
    '存储空间已满：最近的修改没有自动保存。请删除一些已保存的实验，或将此实验导出为文件。',
  'storage.corrupt': '有 {count} 条已保存的记录无法读取，已被单独存放（没有删除）。',
  'storage.autosaveRestored': '已恢复你上次的实验。',
  'storage.autosaveInvalid': '无法读取自动保存的实验，因此显示默认实验。旧数据已单独保留。',
  'storage.notFound': '该已保存的实验已不存在。',

  // ── lessons
  'lesson.title': '课程',
  'lesson.choose': '选择一门课程',
  'lesson.start': '开始课程',
  'lesson.exit': '退出课程',
  'lesson.progress': '第 {step} 步，共 {steps} 步',
  'lesson.previous': '上一步',
  'lesson.next': '下一步',
  'lesson.finish': '完成',
  'lesson.task': '动手试试',
  'lesson.checkpoint': '检查点',
  'lesson.checkpointWaiting': '尚未达到',
  'lesson.checkpointReached': '已达到！',
  'lesson.checkpointNone': '这一步没有检查点：读完后继续。',
  'lesson.reload': '重新载入这一步的实验',
  'lesson.stepsLabel': '课程步骤',
  'lesson.goToStep': '转到第 {step} 步',
  'lesson.presenter': '演示模式',
  'lesson.presenterExit': '退出演示模式',
  'lesson.completed': '课程完成，做得好！',
  'lesson.count': '{count} 步',
  'lesson.workspace': '在此打开：{workspace}',
  'lesson.notAvailable': '这一步需要{workspace}，但它尚不可用。',

  // ── app shell (more)
  'app.skipToWorkspace': '跳到工作区',
  'app.workspaceFailed': '无法显示此工作区：',
  'app.tryAgain': '重试',

  // ── playback (more)
  'playback.speed1': '每秒 1 步（慢动作）',
  'playback.speed4': '每秒 4 步',
  'playback.speed15': '每秒 15 步',
  'playback.speed60': '每秒 60 步',
  'playback.speed250': '每秒 250 步',
  'playback.speedMax': '最大速度',
  'playback.allStopped': '所有运行都已停止：请重置，或增加步数预算。',

  // ── errors
  'errors.trainingStopped': '训练已停止。',
  'errors.keptSettings': '你的设置和曲线都已保留。',
  'errors.restart': '重新启动',
  'errors.notApplied': '此修改未被应用：',
  'errors.dismiss': '关闭',

  // ── examples
  'presets.label': '示例',
  'presets.choose': '打开一个示例…',
  'presets.loading': '正在载入“{title}”…',
  'presets.loaded': '已载入“{title}”。',
  'presets.failed': '无法打开“{title}”：{reason}',
  'presets.ravine': '峡谷：SGD 与动量',
  'presets.rosenbrock': 'Rosenbrock：带阶梯衰减的动量',
  'presets.beale': 'Beale：AdaGrad、RMSprop 与 Adam',
  'presets.batch': '全批量、小批量 8 与随机',
  'presets.mnist': 'MNIST：SGD 与动量',
} as const satisfies Catalogue;
