/**
 * A formula typeset from TeX as MathML by temml, built as DOM nodes (no HTML string is parsed,
 * so the strict Content-Security-Policy holds). The TeX is ours, never the user's.
 */
import { useEffect, useRef } from 'react';
import temml from 'temml';

export function TexFormula(props: { readonly tex: string; readonly label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current)
      temml.render(props.tex, ref.current, { displayMode: true, throwOnError: false });
  }, [props.tex]);
  return <span ref={ref} className="dl-formula" role="math" aria-label={props.label} />;
}
