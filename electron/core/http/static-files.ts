/**
 * Serving the built renderer (`out/renderer`) to browsers: files under the root only, known types,
 * and a page that says to run `npm run build` when the build is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findPackageRoot } from '../process/package-root';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A file to send, or why not. */
export type StaticLookup =
  { kind: 'file'; path: string; contentType: string } | { kind: 'not-found' } | { kind: 'no-build' };

/** Resolve a URL path to a file under `root`; never outside it, whatever the path contains. */
export function lookupStaticFile(root: string, urlPath: string): StaticLookup {
  if (!fs.existsSync(path.join(root, 'index.html'))) return { kind: 'no-build' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'not-found' };
  }
  if (decoded.includes('\0')) return { kind: 'not-found' };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return { kind: 'not-found' };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { kind: 'not-found' };
  }
  if (!stat.isFile()) return { kind: 'not-found' };
  return {
    kind: 'file',
    path: file,
    contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
  };
}

/** The page shown when the renderer has not been built. */
export function noBuildPage(root: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Loadout: build needed</title></head>
<body><h1>Loadout's web UI is not built yet</h1>
<p>The API is running, but there is no built renderer in <code>${escapeHtml(root)}</code>.</p>
<p>Run <code>npm run build</code> in the Loadout folder, then reload this page.</p></body></html>`;
}

/** `out/renderer` of this checkout or install (what `npm run build` writes). */
export function defaultRendererDir(): string {
  const root = findPackageRoot();
  return root ? path.join(root, 'out', 'renderer') : path.resolve('out', 'renderer');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
