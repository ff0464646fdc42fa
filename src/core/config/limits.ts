/** Limits of the experiment format that more than one schema names. */

/** Largest step budget an experiment may ask for (also bounds step counts inside it). */
export const MAX_STEPS = 10_000_000;
