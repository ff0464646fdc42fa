import type { LocalizedText } from '../../core/lessons/index.ts';
import type { Locale } from '../../i18n/index.ts';
import { RichText } from '../RichText.tsx';

/** Narration with blank-line paragraphs and single-line breaks. */
export function Paragraphs(props: { readonly text: LocalizedText; readonly locale: Locale }) {
  return (
    <>
      {props.text[props.locale].split('\n\n').map((paragraph, i) => (
        <p key={i}>
          {paragraph.split('\n').map((line, k) => (
            <span key={k}>
              {k > 0 && <br />}
              <RichText text={line} />
            </span>
          ))}
        </p>
      ))}
    </>
  );
}
