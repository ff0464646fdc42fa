/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
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

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), offlinePlugin()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/support/catalogues.ts'],
    testTimeout: 30_000,
  },
});
