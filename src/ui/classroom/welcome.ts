/**
 * Whether the first-visit card was closed or used before (remembered in localStorage), kept
 * apart from the card so the first screen can decide to fetch it at all.
 */
/** localStorage key set once the card has been closed or used. */
export const WELCOME_STORAGE_KEY = 'descent-lab.welcomed';

export function welcomedBefore(): boolean {
  try {
    return localStorage.getItem(WELCOME_STORAGE_KEY) !== null;
  } catch {
    return false;
  }
}

export function rememberWelcomed(): void {
  try {
    localStorage.setItem(WELCOME_STORAGE_KEY, '1');
  } catch {
    // Without storage the card shows again on the next visit: nothing else is lost.
  }
}
