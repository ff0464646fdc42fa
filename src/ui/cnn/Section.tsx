/** A panel section that tells the views inside it whether it is on screen (OnScreenContext). */
import { useRef, type ReactNode } from 'react';
import { OnScreenContext, useOnScreen } from './useOnScreen.ts';

export function Section(props: {
  readonly className: string;
  /** Id of the heading that names the section. */
  readonly labelledBy: string;
  readonly children: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const visible = useOnScreen(ref);
  return (
    <OnScreenContext.Provider value={visible}>
      <section ref={ref} className={props.className} aria-labelledby={props.labelledBy}>
        {props.children}
      </section>
    </OnScreenContext.Provider>
  );
}
