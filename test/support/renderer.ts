/** Vitest setup: components render through Preact exactly as in the page (src/ui/renderer.ts). */
import '../../src/ui/renderer.ts';
