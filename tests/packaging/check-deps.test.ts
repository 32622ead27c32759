import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run check:deps` (scripts/check-deps.mjs) against small trees planted in a temporary folder.
const script = path.resolve(__dirname, '../../scripts/check-deps.mjs');
const run = promisify(execFile);
const trees: string[] = [];

function plant(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-check-deps-'));
  trees.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function checkDeps(base: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, '--base', base, 'electron', 'shared'], {
      encoding: 'utf8',
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterEach(() => {
  for (const dir of trees.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('check:deps', () => {
  const layered = {
    'shared/a/a.ts': "import { b } from '../b/b';\nexport const a = () => b;\n",
    'shared/b/b.ts': 'export const b = 1;\n',
    'electron/core/x/x.ts': "import { a } from '../../../shared/a/a';\nexport const x = a;\n",
    'electron/cli/c.ts': "import { x } from '../core/x/x';\nexport const c = x;\n",
  };

  it('passes a tree whose folders import one way only', async () => {
    const result = await checkDeps(plant(layered));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('fails on a cycle between two folders, naming both imports', async () => {
    const base = plant({
      ...layered,
      'shared/b/b.ts': "import { a } from '../a/a';\nexport const b = 1;\nexport const again = a;\n",
    });
    const result = await checkDeps(base);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('folder-cycle: shared/a ⇄ shared/b');
    expect(result.stderr).toContain('shared/a/a.ts imports shared/b/b.ts');
    expect(result.stderr).toContain('shared/b/b.ts imports shared/a/a.ts');
    expect(result.stderr).toContain('Folders must not import each other in a circle');
  });

  it('counts a cycle through nested folders as one between their top folders', async () => {
    const base = plant({
      ...layered,
      'shared/b/deep/d.ts': "import { a } from '../../a/a';\nexport const d = a;\n",
      'shared/b/b.ts': "export { d } from './deep/d';\nexport const b = 1;\n",
    });
    const result = await checkDeps(base);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('folder-cycle: shared/a ⇄ shared/b');
  });

  it('fails when the core imports a face, and says what to do', async () => {
    const base = plant({
      ...layered,
      'electron/core/x/uses-cli.ts': "import { c } from '../../cli/c';\nexport const y = c;\n",
    });
    const result = await checkDeps(base);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('core-imports-a-face: electron/core/x/uses-cli.ts imports electron/cli/c.ts');
    expect(result.stderr).toContain('or have the face pass it in');
  });

  it('fails when shared/ imports a Node builtin', async () => {
    const base = plant({
      ...layered,
      'shared/b/b.ts': "import fs from 'node:fs';\nexport const b = fs.existsSync('.') ? 1 : 0;\n",
    });
    const result = await checkDeps(base);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('shared-imports-node: shared/b/b.ts imports fs');
  });
});
