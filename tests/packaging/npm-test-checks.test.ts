import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';

// The habits issue 16 puts inside `npm test`, and the files Prettier must never rewrite.
const root = path.resolve(__dirname, '../..');
const scripts = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('npm test', () => {
  it('runs the format check, the import check and the shared/ typecheck', () => {
    const steps = scripts.test!.split('&&').map((s) => s.trim());
    expect(steps).toEqual(expect.arrayContaining(['npm run typecheck', 'npm run format:check', 'npm run check:deps']));
    expect(scripts.typecheck).toContain('tsc --noEmit -p tsconfig.shared.json');
    expect(scripts['format:check']).toBe('prettier --check .');
    expect(scripts.format).toBe('prettier --write .');
  });
});

describe('Prettier', () => {
  const ignorePath = path.join(root, '.prettierignore');

  it('leaves the captures and golden files alone, which tests compare byte for byte', async () => {
    for (const file of [
      'tests/fixtures/bench/qwen2.5-7b-q4km.en.md',
      'tests/fixtures/lmstudio/lms-ps.json',
      'package-lock.json',
      'out/cli/loadout.mjs',
    ]) {
      expect((await prettier.getFileInfo(path.join(root, file), { ignorePath })).ignored, file).toBe(true);
    }
    expect((await prettier.getFileInfo(path.join(root, 'shared/presets/plan.ts'), { ignorePath })).ignored).toBe(false);
  });

  it('prints in the house style: 120 columns, single quotes, trailing commas', async () => {
    const options = await prettier.resolveConfig(path.join(root, 'shared/presets/plan.ts'));
    const source = 'const xs = {a: "one", b: [\n1, 2]}\n';
    expect(await prettier.format(source, { ...options, filepath: 'x.ts' })).toBe(
      "const xs = { a: 'one', b: [1, 2] };\n",
    );
    const call = (n: number) => `f(${Array.from({ length: n }, (_, i) => `argument${i}`).join(', ')});\n`;
    const fits = call(9); // about 100 columns: one line at 120, wrapped at Prettier's default 80
    expect(fits.length).toBeGreaterThan(90);
    expect(await prettier.format(fits, { ...options, filepath: 'x.ts' })).toBe(fits);
    expect(await prettier.format(call(12), { ...options, filepath: 'x.ts' })).toContain('  argument11,\n');
  });
});
