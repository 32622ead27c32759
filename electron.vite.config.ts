/**
 * electron-vite build of the tray app: main (ESM, Node deps external), preload (CommonJS with every
 * dependency bundled: sandboxed preloads cannot require packages), and the renderer's windows
 * (renderer/*.html) into out/renderer, which `loadout serve` also serves.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          // NVML's worker thread: out/main/nvml-worker.js (found by electron/core/hardware/nvml/nvml-worker-reader.ts).
          'nvml-worker': resolve(root, 'electron/core/hardware/nvml/nvml-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    // The pages' CSP (script-src 'self') blocks the inline React Fast Refresh preamble that HMR needs;
    // without HMR the plugin adds none, so `npm start` runs under the same CSP as the build.
    server: { hmr: false },
    build: {
      outDir: resolve(root, 'out/renderer'),
      target: 'chrome130',
      // electron-vite leaves the renderer unminified by default; minify so the shipped windows are the
      // ones `npm run bench -- ui` measures (plain Vite minifies) and the quick chat stays in budget.
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          monitor: resolve(root, 'renderer/monitor.html'),
          settings: resolve(root, 'renderer/settings.html'),
          quickchat: resolve(root, 'renderer/quickchat.html'),
        },
      },
    },
  },
});
