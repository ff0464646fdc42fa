/**
 * Finding English left on a Chinese page, shared by the jsdom scan (test/component) and the
 * browser pass (test/browser): what a reader meets on the page, and the English words in it
 * once run labels and the Latin tokens a Chinese page rightly shows are removed.
 * Plain JavaScript so the browser tests run it in Node as they are and hand `pageTexts` to
 * the page; types in englishWords.d.mts.
 */

/**
 * Latin tokens a Chinese page rightly shows, removed in this order. A string matches as a whole
 * word, case-sensitively; a regular expression stands for a family sharing one reason.
 */
export const ALLOWED = [
  {
    token: /\bdescent-lab-\S*?\.(json|csv|png|svg)\b/g,
    reason: 'an exported file’s name: the app’s name, the title made lower-case, the date',
  },
  { token: 'Descent Lab', reason: 'the app’s name, shown beside its Chinese name' },
  { token: 'English', reason: 'the language switch names each language in that language' },
  {
    token: /\b(SGD|Momentum|AdaGrad|RMSprop|Adam|AdamW|Adadelta|Nesterov|AMSGrad)\b/g,
    reason: 'optimizer names, kept as the literature writes them (glossed in Chinese)',
  },
  { token: 'PyTorch', reason: 'the library whose momentum form a setting names' },
  {
    token: /\b(Rosenbrock|Beale|Himmelblau|Rastrigin|Ackley|Hessian|Polyak)\b/g,
    reason: 'mathematicians’ names: surfaces, the Hessian matrix, Polyak’s heavy ball',
  },
  { token: /\b(MNIST|CNN)\b/g, reason: 'the data set’s and the network kind’s names' },
  {
    token: /\b(JSON|CSV|PNG|SVG)\b|\.(json|csv|png|svg)\b/g,
    reason: 'file formats and file-name extensions',
  },
  {
    token: /\b(Leaky ReLU|ReLU|softmax|tanh|im2col)\b/g,
    reason: 'standard names of layers and operations',
  },
  { token: /\bNaN\b/g, reason: 'IEEE 754’s name for a non-number, as every readout prints it' },
  {
    token: /"[A-Za-z]+"|\b(true|false|null)\b|\b[a-z]+[A-Z][A-Za-z]*\b/g,
    reason:
      'a config’s own words in validation messages: "quoted" keys and values, JSON literals, camelCase field names',
  },
  {
    token:
      /\b(sin|cos|tan|exp|log|sqrt|abs|min|max)(?=\(|、|，|；|, | 和| 的|$)|\b(sin|cos)(?= θ)/g,
    reason: 'functions of the formula language: called in a formula, or listed in its help',
  },
  { token: /λ(min|max)|\bT max\b/g, reason: 'subscripts of math symbols (λmax, T max)' },
  { token: /\b(Shift|Delete|Page Up|Page Down)\b/g, reason: 'names printed on the keys' },
  {
    token: /\b(conv\d+|dense\d*)(\.(weight|bias))?\b/g,
    reason: 'layer and parameter-tensor names of the network, as its spec and PyTorch name them',
  },
  {
    token: /\$[^$]+\$/g,
    reason: 'TeX between dollar signs in lesson text, typeset as a formula, not read as words',
  },
  {
    token: /`[^`]*`/g,
    reason: 'program code a lesson quotes between backticks (shown as code, not translated)',
  },
  {
    token: /\$[^$]*\$/g,
    reason: 'TeX between dollar signs in a lesson text: typeset as mathematics, not words',
  },
  { token: /\bHTTP\b/g, reason: 'the protocol, in a network error’s status line' },
  { token: 'data/mnist.bin', reason: 'the address the digits are downloaded from' },
  {
    token: /字段 \S+?：/g,
    reason: 'a rejected config names its field as written in the JSON file (e.g. runs[0].lr)',
  },
];

const ENGLISH_WORD = /\b[A-Za-z]{3,}\b/g;

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The English words left in `text` once the run `labels` and ALLOWED tokens are removed. */
export function englishWords(text, labels) {
  let rest = text;
  // Longest labels first, so "mini-batch 8" goes before a label "mini" could split it.
  for (const label of [...labels].sort((a, b) => b.length - a.length))
    rest = rest.split(label).join(' ');
  for (const { token } of ALLOWED) {
    const pattern =
      typeof token === 'string' ? new RegExp(`\\b${escapeRegExp(token)}\\b`, 'g') : token;
    rest = rest.replace(pattern, ' ');
  }
  return rest.match(ENGLISH_WORD) ?? [];
}

/**
 * Every text a reader meets on the page, with where it was found: text nodes (SVG titles and
 * option texts included) and the attributes read to a reader or a screen reader. Self-contained,
 * so a browser test can run it in the page.
 */
export function pageTexts() {
  const attributes = [
    'aria-label',
    'title',
    'placeholder',
    'aria-roledescription',
    'aria-valuetext',
    'alt',
    'aria-description',
  ];
  const out = [];
  const walker = document.createTreeWalker(
    document.body,
    NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
  );
  for (let node = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      // Program code (a lesson quoting Python) and typeset mathematics are not prose to translate.
      if (!parent || parent.closest('style, script, code, math')) continue;
      const text = node.textContent?.trim();
      if (text) out.push({ where: `<${parent.tagName.toLowerCase()}> text`, text });
    } else {
      for (const name of attributes) {
        const value = node.getAttribute(name);
        if (value) out.push({ where: `<${node.tagName.toLowerCase()}> ${name}`, text: value });
      }
    }
  }
  return out;
}
