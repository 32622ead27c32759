#!/usr/bin/env node
/**
 * `npm run build:cli`: bundles the `loadout` CLI into out/cli/loadout.mjs (bin/loadout.mjs runs it). Code
 * splitting keeps each command's `import()` a separate chunk, so `loadout help` loads no command and no
 * package (openai, conf, zod, systeminformation, the GGUF reader stay unloaded until a command needs them).
 * Packages stay external: they load from node_modules. `buildCli(dir)` builds elsewhere (tests build a copy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Build the CLI into `outdir` (emptied first, so no chunk of an older build lingers); resolves to the entry file. */
export async function buildCli(outdir = path.join(root, 'out', 'cli')) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: {
      loadout: path.join(root, 'electron/cli/main.ts'),
      // NVML's worker thread (electron/core/hardware/nvml/nvml-worker-reader.ts finds it beside chunks/).
      'nvml-worker': path.join(root, 'electron/core/hardware/nvml/nvml-worker.ts'),
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    splitting: true,
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    logLevel: 'warning',
  });
  return path.join(outdir, 'loadout.mjs');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await buildCli();
  console.log(`built ${path.relative(root, entry)}`);
}
