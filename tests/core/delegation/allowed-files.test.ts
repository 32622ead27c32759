/**
 * Which files an ask may read: only under mcp.fileRoots, judged after symlinks are resolved, `..` folded
 * away, each capped at mcp.maxFileBytes. POSIX on a real temporary folder with real links; Windows rules
 * (drive letters, case-insensitive names) with path.win32 over a fake disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isInside,
  promptWithFiles,
  readAllowedFiles,
  type FileAccess,
} from '../../../electron/core/delegation/allowed-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-files-')));
  dirs.push(d);
  return d;
};

describe('readAllowedFiles on this machine (POSIX)', () => {
  it('reads a file under a root and refuses one outside, naming the path and the setting', async () => {
    const root = tmp();
    const other = tmp();
    fs.writeFileSync(path.join(root, 'a.ts'), 'export const a = 1;\n');
    fs.writeFileSync(path.join(other, 'secret.txt'), 'no');
    const limits = { roots: [root], maxFileBytes: 1000 };
    expect(await readAllowedFiles([path.join(root, 'a.ts')], limits)).toEqual([
      { path: path.join(root, 'a.ts'), text: 'export const a = 1;\n' },
    ]);
    await expect(readAllowedFiles([path.join(other, 'secret.txt')], limits)).rejects.toMatchObject({
      code: 'refused',
      field: 'files.0',
      message: expect.stringContaining(`is outside the folders Loadout may read (mcp.fileRoots: ${root})`),
    });
  });

  it('refuses `..` tricks and a link inside a root that points outside', async () => {
    const root = tmp();
    const other = tmp();
    fs.writeFileSync(path.join(other, 'secret.txt'), 'no');
    fs.symlinkSync(path.join(other, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(other, path.join(root, 'linked-dir'));
    const limits = { roots: [root], maxFileBytes: 1000 };
    for (const asked of [
      `${root}/../${path.basename(other)}/secret.txt`,
      path.join(root, 'link.txt'),
      path.join(root, 'linked-dir', 'secret.txt'),
    ]) {
      await expect(readAllowedFiles([asked], limits)).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining('mcp.fileRoots'),
      });
    }
  });

  it('reads through a link that stays inside the root', async () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'b.md'), '# b');
    fs.symlinkSync(path.join(root, 'src', 'b.md'), path.join(root, 'b-link.md'));
    expect(await readAllowedFiles([path.join(root, 'b-link.md')], { roots: [root], maxFileBytes: 10 })).toEqual([
      { path: path.join(root, 'b-link.md'), text: '# b' },
    ]);
  });

  it('refuses everything while mcp.fileRoots is empty, files over the cap, folders, binaries and relative paths', async () => {
    const root = tmp();
    fs.writeFileSync(path.join(root, 'big.txt'), 'x'.repeat(11));
    fs.writeFileSync(path.join(root, 'blob.bin'), Buffer.from([1, 0, 2]));
    await expect(readAllowedFiles([path.join(root, 'big.txt')], { roots: [], maxFileBytes: 100 })).rejects.toThrow(
      /mcp\.fileRoots is empty/,
    );
    await expect(readAllowedFiles([path.join(root, 'big.txt')], { roots: [root], maxFileBytes: 10 })).rejects.toThrow(
      /has 11 bytes, over the 10 bytes .*mcp\.maxFileBytes/,
    );
    await expect(readAllowedFiles([root], { roots: [root], maxFileBytes: 10 })).rejects.toThrow(/is not a file/);
    await expect(readAllowedFiles([path.join(root, 'blob.bin')], { roots: [root], maxFileBytes: 10 })).rejects.toThrow(
      /not a text file/,
    );
    await expect(readAllowedFiles(['big.txt'], { roots: [root], maxFileBytes: 100 })).rejects.toThrow(
      /not an absolute path/,
    );
    await expect(
      readAllowedFiles([path.join(root, 'missing.txt')], { roots: [root], maxFileBytes: 100 }),
    ).rejects.toThrow(/does not exist/);
  });

  it('puts each file after the prompt under a header with its path', () => {
    expect(
      promptWithFiles('Review.', [
        { path: '/p/a.ts', text: 'A' },
        { path: '/p/b.ts', text: 'B' },
      ]),
    ).toBe('Review.\n\n--- file: /p/a.ts ---\nA\n\n--- file: /p/b.ts ---\nB');
  });
});

/** A Windows disk: names compare without case, links resolved by a table. */
function windowsDisk(files: Record<string, string>, links: Record<string, string> = {}): FileAccess {
  const p = path.win32;
  const norm = (x: string) => p.resolve(x).toLowerCase();
  const real = (x: string) => {
    let r = p.resolve(x);
    for (const [from, to] of Object.entries(links))
      if (norm(r).startsWith(norm(from))) r = p.join(to, r.slice(from.length));
    return r;
  };
  const find = (x: string) => Object.keys(files).find((k) => norm(k) === norm(x));
  const dirs = new Set(
    Object.keys(files).flatMap((k) => {
      const out: string[] = [];
      let d = p.dirname(k);
      while (p.dirname(d) !== d) {
        out.push(norm(d));
        d = p.dirname(d);
      }
      out.push(norm(d));
      return out;
    }),
  );
  return {
    path: p,
    realpath: async (x) => {
      const r = real(x);
      if (!find(r) && !dirs.has(norm(r))) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return r;
    },
    stat: async (x) => ({ size: Buffer.byteLength(files[find(x) ?? ''] ?? ''), isFile: () => find(x) !== undefined }),
    readFile: async (x) => Buffer.from(files[find(x)!]!),
  };
}

describe('readAllowedFiles with Windows rules (path.win32)', () => {
  const disk = windowsDisk(
    {
      'C:\\Users\\ana\\proj\\main.py': 'print(1)',
      'D:\\Users\\ana\\proj\\other.py': 'x',
      'C:\\Users\\ana\\secret.txt': 's',
    },
    { 'C:\\Users\\ana\\proj\\out': 'C:\\Users\\ana' },
  );
  const limits = { roots: ['C:\\Users\\ana\\proj'], maxFileBytes: 100 };

  it('matches names without case, as Windows does', async () => {
    expect(await readAllowedFiles(['c:\\users\\ANA\\Proj\\MAIN.py'], limits, disk)).toEqual([
      { path: 'c:\\users\\ANA\\Proj\\MAIN.py', text: 'print(1)' },
    ]);
  });

  it('refuses another drive, `..` out of the root, and a link out of it', async () => {
    for (const asked of [
      'D:\\Users\\ana\\proj\\other.py',
      'C:\\Users\\ana\\proj\\..\\secret.txt',
      'C:\\Users\\ana\\proj\\out\\secret.txt',
    ]) {
      await expect(readAllowedFiles([asked], limits, disk)).rejects.toMatchObject({
        code: 'refused',
        message: expect.stringContaining('mcp.fileRoots: C:\\Users\\ana\\proj'),
      });
    }
  });

  it("judges containment by the platform's rules", () => {
    expect(isInside(path.win32, 'C:\\Proj', 'c:\\proj\\a\\b.txt')).toBe(true);
    expect(isInside(path.win32, 'C:\\Proj', 'C:\\Projects\\a.txt')).toBe(false);
    expect(isInside(path.win32, 'C:\\Proj', 'D:\\Proj\\a.txt')).toBe(false);
    expect(isInside(path.posix, '/proj', '/Proj/a.txt')).toBe(false);
    expect(isInside(path.posix, '/proj', '/proj-2/a.txt')).toBe(false);
    expect(isInside(path.posix, '/proj', '/proj/..a/x')).toBe(true);
  });
});
