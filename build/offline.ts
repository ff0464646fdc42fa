/**
 * Offline after the first visit: vite-plugin-pwa has Workbox generate `sw.js`, which precaches
 * every file of the build (scripts, styles, fonts, the training worker, the MNIST data, the
 * example experiments), each under a revision computed from its content, so a changed file
 * is fetched again even when its name stays (`mnist.bin`, `examples/*.json`). Pages are
 * served from the precached shell when offline. The worker is registered from `main.tsx`
 * (no inline script: the page's CSP forbids one).
 */
import { VitePWA } from 'vite-plugin-pwa';

/** What is precached: every kind of file the build emits, public files included, up to 8 MB each (mnist.bin is 1.7 MB). */
export const PRECACHE = {
  globPatterns: ['**/*.{html,js,css,json,bin,wasm,woff,woff2,svg,png}'],
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
};

export function offlinePlugin() {
  return VitePWA({
    strategies: 'generateSW',
    filename: 'sw.js',
    injectRegister: false,
    manifest: false,
    registerType: 'autoUpdate',
    workbox: {
      ...PRECACHE,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      inlineWorkboxRuntime: false,
      mode: 'production',
      sourcemap: false,
    },
  });
}
