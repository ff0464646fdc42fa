/** A line of lesson text with its markup shown: `code` verbatim, $TeX$ as a formula. */
import { parseMarkup } from '../../core/lessons/markup.ts';

export function RichText(props: { readonly text: string }) {
  return (
    <>
      {parseMarkup(props.text).map((run, i) =>
        run.kind === 'code' ? <code key={i}>{run.value}</code> : <span key={i}>{run.value}</span>,
      )}
    </>
  );
}
