/**
 * Views scrolled out of sight stop redrawing: `useOnScreen` follows whether an element is near
 * the viewport, and `pausedWhenHidden` turns a live source into a still one meanwhile (it
 * redraws at once when it comes back). Where there is no IntersectionObserver (jsdom) every
 * element counts as on screen.
 */
import { createContext, useEffect, useState, type RefObject } from 'react';
import type { LiveSource } from '../../plots/source.ts';

/** Whether `ref`'s element is within `margin` of the viewport. */
export function useOnScreen(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [visible, setVisible] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1];
        if (entry) setVisible(entry.isIntersecting);
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, margin]);
  return visible;
}

/** `source` while `visible`; otherwise its value of now, never notifying. */
export function pausedWhenHidden<T>(source: LiveSource<T>, visible: boolean): LiveSource<T> {
  if (visible) return source;
  const value = source.getState();
  return { getState: () => value, subscribe: () => () => {} };
}

/** Whether the section around a view is on screen (provided by the section, default true). */
export const OnScreenContext = createContext(true);
