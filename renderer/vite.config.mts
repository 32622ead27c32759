/**
 * A Vite build of just the renderer (the three windows) into out/renderer, which `loadout serve`
 * serves and the end-to-end tests and `npm run bench -- ui` use. electron-vite builds the same
 * entries for the app; this one needs no Electron. (.mts: a Node build script, outside the renderer's sandbox lint.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(here, '../out/renderer'),
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: false,
    rollupOptions: {
      input: {
        monitor: path.resolve(here, 'monitor.html'),
        settings: path.resolve(here, 'settings.html'),
        quickchat: path.resolve(here, 'quickchat.html'),
        index: path.resolve(here, 'index.html'),
      },
    },
  },
});
