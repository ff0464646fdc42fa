/**
 * Mathematics typeset from TeX as MathML by temml, built as DOM nodes (no HTML string is
 * parsed, so the strict Content-Security-Policy holds: temml sets styles through the CSSOM).
 * temml is fetched on first use, outside the first load (a few milliseconds; precached for
 * offline use); until it arrives the formula's place is empty rather than showing TeX source.
 * The TeX is the app's own (lesson texts, messages), never the user's.
 */
import { useLayoutEffect, useRef } from 'react';

type Temml = typeof import('temml').default;
let temmlPromise: Promise<Temml> | null = null;

/** temml, loaded once for the page. */
export function loadTemml(): Promise<Temml> {
  temmlPromise ??= import('temml').then((m) => m.default);
  return temmlPromise;
}

export function Tex(props: {
  readonly tex: string;
  /** A displayed formula (its own line, larger operators) rather than one inside a sentence. */
  readonly display?: boolean;
  /** The formula's name for screen readers, where its MathML alone would not say enough. */
  readonly label?: string;
}) {
  const { tex, display = false } = props;
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    let current = true;
    void loadTemml().then((temml) => {
      if (!current) return;
      try {
        temml.render(tex, element, { displayMode: display, throwOnError: false });
      } catch {
        // A DOM without MathML support: the TeX source stays, readable as it is.
        element.textContent = tex;
      }
    });
    return () => {
      current = false;
    };
  }, [tex, display]);
  return (
    <span
      ref={ref}
      className={display ? 'dl-tex-display' : 'dl-tex'}
      {...(props.label ? { role: 'math', 'aria-label': props.label } : {})}
    />
  );
}
