/**
 * A line of text with its markup shown (lesson texts, and messages that carry formulas):
 * `code` verbatim, $TeX$ typeset as MathML. Punctuation right after a formula stays on the
 * formula's line: a comma wrapped alone to the start of the next line reads as a stray mark.
 */
import type { ReactNode } from 'react';
import { parseMarkup } from '../core/lessons/markup.ts';
import { Tex } from './Tex.tsx';

/** Punctuation that belongs to the end of what precedes it (Latin and CJK). */
const TRAILING_PUNCTUATION = /^[,.;:!?)\]’”，。；：！？）、]+/u;

export function RichText(props: { readonly text: string }) {
  const runs = parseMarkup(props.text);
  const nodes: ReactNode[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    if (run.kind === 'code') {
      nodes.push(<code key={i}>{run.value}</code>);
      continue;
    }
    if (run.kind === 'text') {
      nodes.push(<span key={i}>{run.value}</span>);
      continue;
    }
    const next = runs[i + 1];
    const glued = next?.kind === 'text' ? (TRAILING_PUNCTUATION.exec(next.value)?.[0] ?? '') : '';
    if (!glued) {
      nodes.push(<Tex key={i} tex={run.value} />);
      continue;
    }
    nodes.push(
      <span key={i} className="dl-nowrap">
        <Tex tex={run.value} />
        {glued}
      </span>,
    );
    // The rest of the next text run, if any, follows as usual.
    const rest = next!.value.slice(glued.length);
    if (rest) nodes.push(<span key={`${i}+`}>{rest}</span>);
    i++;
  }
  return <>{nodes}</>;
}
