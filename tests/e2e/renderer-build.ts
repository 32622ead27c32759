/**
 * Build the renderer once for the browser tests and the UI bench (a Vite build of the windows into
 * out/renderer), skipped when nothing under renderer/ or shared/ (or the build config) changed since.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_OUT = path.join(REPO_ROOT, 'out', 'renderer');
const STAMP = path.join(RENDERER_OUT, '.loadout-build-stamp');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Build out/renderer unless the cached build is newer than every renderer and shared source; returns its folder. */
export function ensureRendererBuild(): string {
  const sources = Math.max(
    newestMtime(path.join(REPO_ROOT, 'renderer')),
    newestMtime(path.join(REPO_ROOT, 'shared')),
    ...['package-lock.json', 'electron.vite.config.ts'].map((f) => fs.statSync(path.join(REPO_ROOT, f)).mtimeMs),
  );
  const stamp = fs.existsSync(STAMP) ? Number(fs.readFileSync(STAMP, 'utf8')) : 0;
  if (stamp >= sources && fs.existsSync(path.join(RENDERER_OUT, 'quickchat.html'))) return RENDERER_OUT;
  const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--logLevel', 'warn', '-c', path.join(REPO_ROOT, 'renderer', 'vite.config.mts')],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  fs.writeFileSync(STAMP, String(sources));
  return RENDERER_OUT;
}
