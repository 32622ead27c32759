import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

// tsconfig.shared.json (run by `npm run typecheck`) compiles shared/ with no DOM and no Node types.
const root = path.resolve(__dirname, '../..');
const probeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-shared-probe-'));

function diagnosticsWith(probe: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(root, 'tsconfig.shared.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error('tsconfig.shared.json could not be read');
  const file = path.join(probeDir, 'probe.ts');
  fs.writeFileSync(file, probe);
  const program = ts.createProgram([...parsed.fileNames, file], parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

afterAll(() => fs.rmSync(probeDir, { recursive: true, force: true }));

describe('tsconfig.shared.json', () => {
  it('compiles shared/ and a pure file cleanly', () => {
    expect(
      diagnosticsWith("export const ok = new Intl.NumberFormat('pt-BR').format(1) + new URL('http://x').protocol;\n"),
    ).toEqual([]);
  });

  it('rejects Node and DOM globals', () => {
    const problems = diagnosticsWith(
      "export const leak = [process.env.HOME, document.title, Buffer.from('x'), window.localStorage];\n",
    );
    expect(problems.join('\n')).toMatch(/Cannot find name 'process'/);
    expect(problems.join('\n')).toMatch(/Cannot find name 'document'/);
    expect(problems.join('\n')).toMatch(/Cannot find name 'Buffer'/);
    expect(problems.join('\n')).toMatch(/Cannot find name 'window'/);
  });
});
