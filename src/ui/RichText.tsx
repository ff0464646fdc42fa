/**
 * A line of text with its markup shown (lesson texts, and messages that carry formulas):
 * `code` verbatim, $TeX$ typeset as MathML.
 */
import { parseMarkup } from '../core/lessons/markup.ts';
import { Tex } from './Tex.tsx';

export function RichText(props: { readonly text: string }) {
  return (
    <>
      {parseMarkup(props.text).map((run, i) =>
        run.kind === 'code' ? (
          <code key={i}>{run.value}</code>
        ) : run.kind === 'math' ? (
          <Tex key={i} tex={run.value} />
        ) : (
          <span key={i}>{run.value}</span>
        ),
      )}
    </>
  );
}
