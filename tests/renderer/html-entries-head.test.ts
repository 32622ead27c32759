/**
 * The four renderer HTML entries (index, monitor, settings, quickchat) each carry the same head (charset,
 * viewport, Content-Security-Policy, icon, title). They stay four plain files, as Vite wants its
 * entries; this test keeps their heads from drifting apart (a CSP loosened in one window only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(__dirname, '../../renderer');
const ENTRIES = ['index.html', 'monitor.html', 'settings.html', 'quickchat.html'];

/** The head up to and including the title (index.html adds its own style after it). */
function headOf(file: string): string {
  const html = fs.readFileSync(path.join(RENDERER, file), 'utf8');
  const start = html.indexOf('<head>');
  const end = html.indexOf('</title>');
  if (start < 0 || end < 0) throw new Error(`${file}: no <head> … </title> found`);
  return html.slice(start, end + '</title>'.length);
}

describe('renderer HTML entries', () => {
  it('share one head, with a CSP that allows only own scripts', () => {
    const heads = ENTRIES.map(headOf);
    for (const [i, head] of heads.entries()) expect(head, ENTRIES[i]).toBe(heads[0]);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(heads[0]!)?.[1] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
