/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { offlinePlugin } from './build/offline.ts';

/**
 * The production build's Content-Security-Policy: no inline scripts, no eval, nothing from
 * other origins. (Only in the build: the dev server's hot reload needs an inline script.)
 * 'wasm-unsafe-eval' lets the page compile WebAssembly (the CNN engine) and nothing else:
 * eval and new Function stay forbidden.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'descent-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * The app is written against React's API and rendered by Preact's (preact/compat): the same
 * components, a tenth of React DOM's size on the first screen. Tests render through it too.
 */
const REACT_ON_PREACT = {
  'react-dom/test-utils': 'preact/test-utils',
  'react-dom/client': 'preact/compat/client',
  'react-dom': 'preact/compat',
  react: 'preact/compat',
};

export default defineConfig({
  plugins: [contentSecurityPolicy(), offlinePlugin()],
  resolve: { alias: REACT_ON_PREACT },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/support/renderer.ts', 'test/support/catalogues.ts'],
    testTimeout: 30_000,
    // Testing Library must render through the same renderer as the app.
    // (its package has no `exports`: name the ES build so the alias above applies to it).
    alias: {
      '@testing-library/react': '@testing-library/react/dist/@testing-library/react.esm.js',
    },
    server: { deps: { inline: ['@testing-library/react', 'zustand'] } },
  },
});
