/**
 * The files an `ask` reads on this machine so the calling model does not paste them: only under the
 * folders the user allowed (`mcp.fileRoots`), compared after symlinks are resolved (a link inside a root
 * that points outside is refused), each capped at `mcp.maxFileBytes`. The path flavour is injected so the
 * Windows rules (drive letters, case-insensitive names) are tested on any OS.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { DelegationError } from './delegation-errors';

/** The file system as the check needs it (tests pass a win32 path module and a fake disk). */
export interface FileAccess {
  path: path.PlatformPath;
  realpath(p: string): Promise<string>;
  stat(p: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(p: string): Promise<Buffer>;
}

export const nodeFileAccess: FileAccess = {
  path,
  realpath: (p) => fs.realpath(p),
  stat: (p) => fs.stat(p),
  readFile: (p) => fs.readFile(p),
};

export interface FileLimits {
  roots: readonly string[];
  maxFileBytes: number;
}

/** One file read for an ask: the path as asked and its text. */
export interface AllowedFile {
  path: string;
  text: string;
}

const rootsSetting = (roots: readonly string[]) =>
  roots.length ? `mcp.fileRoots: ${roots.join(', ')}` : 'mcp.fileRoots is empty';

/** Whether `target` is `root` or inside it, by `p`'s rules (win32: case-insensitive, another drive is outside). */
export function isInside(p: path.PlatformPath, root: string, target: string): boolean {
  const rel = p.relative(root, target);
  // "..name" is a file inside; only ".." itself or "../…" climbs out.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}

/** Read `files` if every one is allowed; the first refused one throws DelegationError('refused') naming the path and the setting. */
export async function readAllowedFiles(
  files: readonly string[],
  limits: FileLimits,
  access: FileAccess = nodeFileAccess,
): Promise<AllowedFile[]> {
  if (files.length === 0) return [];
  const p = access.path;
  const where = (i: number) => `files[${i}] "${files[i]}"`;
  // Roots are resolved too, so a root that is itself a link (macOS /tmp) still contains its files; a missing root contains nothing.
  const lexicalRoots = limits.roots.filter((root) => p.isAbsolute(root)).map((root) => p.resolve(root));
  const roots: string[] = [];
  for (const root of limits.roots) {
    if (!p.isAbsolute(root)) continue;
    try {
      roots.push(await access.realpath(p.resolve(root)));
    } catch {
      // A folder that no longer exists allows nothing.
    }
  }
  const out: AllowedFile[] = [];
  for (let i = 0; i < files.length; i++) {
    const asked = files[i]!;
    if (!p.isAbsolute(asked)) {
      throw new DelegationError(
        'refused',
        `${where(i)} is not an absolute path. Give the full path of a file under the folders Loadout may read (${rootsSetting(limits.roots)}).`,
        `files.${i}`,
      );
    }
    const outside = () =>
      new DelegationError(
        'refused',
        `${where(i)} is outside the folders Loadout may read (${rootsSetting(limits.roots)}). Add its folder to mcp.fileRoots in Loadout's settings, or paste the part you need into the prompt.`,
        `files.${i}`,
      );
    // `..` is folded away here, so "/allowed/../etc/passwd" is judged as /etc/passwd.
    const lexical = p.resolve(asked);
    // Judged by name first, so a path outside the roots is refused without touching the disk (nor saying whether it exists).
    if (!lexicalRoots.some((root) => isInside(p, root, lexical)) && !roots.some((root) => isInside(p, root, lexical)))
      throw outside();
    let real: string;
    try {
      real = await access.realpath(lexical);
    } catch {
      throw new DelegationError(
        'refused',
        `${where(i)} could not be read: it does not exist or Loadout may not open it. Check the path.`,
        `files.${i}`,
      );
    }
    if (!roots.some((root) => isInside(p, root, real))) throw outside();
    const stat = await access.stat(real);
    if (!stat.isFile())
      throw new DelegationError(
        'refused',
        `${where(i)} is not a file. Name the files themselves, not a folder.`,
        `files.${i}`,
      );
    if (stat.size > limits.maxFileBytes) {
      throw new DelegationError(
        'refused',
        `${where(i)} has ${stat.size} bytes, over the ${limits.maxFileBytes} bytes an ask reads per file (mcp.maxFileBytes). Send the part that matters, or raise mcp.maxFileBytes in Loadout's settings.`,
        `files.${i}`,
      );
    }
    const bytes = await access.readFile(real);
    // Read again in case it grew after the stat: the cap holds for what is sent.
    if (bytes.length > limits.maxFileBytes) {
      throw new DelegationError(
        'refused',
        `${where(i)} grew past the ${limits.maxFileBytes} bytes an ask reads per file (mcp.maxFileBytes) while being read. Send the part that matters.`,
        `files.${i}`,
      );
    }
    if (bytes.includes(0))
      throw new DelegationError(
        'refused',
        `${where(i)} is not a text file (it holds binary data). Send text files only.`,
        `files.${i}`,
      );
    out.push({ path: asked, text: bytes.toString('utf8') });
  }
  return out;
}

/** The prompt with the files after it, each under a header naming its path. */
export function promptWithFiles(prompt: string, files: readonly AllowedFile[]): string {
  if (!files.length) return prompt;
  return [prompt, ...files.map((f) => `--- file: ${f.path} ---\n${f.text}`)].join('\n\n');
}
