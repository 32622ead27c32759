/**
 * `loadout bench` as a user runs it: against the LM Studio emulator, the fake `lms` and the fake
 * nvidia-smi (real H200 captures), with results in a temporary LOADOUT_HOME.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBenchCommand, openBenchContext } from '../../../electron/cli/commands/bench';
import { energyCommand } from '../../../electron/cli/commands/energy';
import { FAST_SUITE } from '../../support/bench-harness';
import { FAKE_SMI } from '../../support/fake-smi';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator/index';
import { runLoadout } from '../../support/cli-harness';

const bench = createBenchCommand({
  open: (io, lmstudioUrl) =>
    openBenchContext(io, { suite: FAST_SUITE, warmupTokens: 4, sampleWaitMs: 1500 }, lmstudioUrl),
});
let emulator: LmStudioEmulator;
let home: string;
let env: NodeJS.ProcessEnv;
const loadout = (...argv: string[]) => runLoadout([bench], ['bench', ...argv], env);

beforeAll(async () => {
  emulator = await createLmStudioEmulator({ tokensPerSecond: 300, timeToFirstTokenMs: 20 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-cli-bench-'));
  env = {
    ...process.env,
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_FAKE_LMS_LOG: path.join(home, 'lms.log'),
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: FAKE_SMI,
    FAKE_NVSMI_NOW: '1',
    LM_API_TOKEN: '',
  };
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout bench', () => {
  it('benchmarks a model, prints the template block and the comparison, stores it with the verdict given as flags', async () => {
    const r = await loadout(
      'qwen2.5-7b-instruct',
      '--gpu',
      'max',
      '--runs',
      '2',
      '--context',
      '4096',
      '--rating',
      '4',
      '--best-for',
      'Chat geral',
      '--issues',
      'Nenhum problema visto',
    );
    expect(r.stderr).toContain('[1/16] short-pt-BR run 1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^## Qwen2\.5 7B Instruct - Q4_K_M\n\n\*\*Hardware\*\*: GPU \(NVIDIA H200\)\n\*\*Speed\*\*: \d+(\.\d)? tok\/s \(estimativa do documento: ~80-120 tok\/s ⬆️ acima\)\n/,
    );
    expect(r.stdout).toContain('**Quality**: ⭐⭐⭐⭐☆ (4/5)');
    expect(r.stdout).toContain('**Best for**: Chat geral');
    expect(r.stdout).toContain('Per prompt (median of 2 runs):');
    expect(r.stdout).toContain('Document estimate: GPU 7B Q4_K_M: ~80-120 tok/s (✅ Excelente) → ABOVE');
    expect(r.stdout).toMatch(
      /Energy: \d+\.\d{3} Wh per run, \d+\.\d{3} Wh per 1k tokens \(integrated from power.draw\)/,
    );
    expect(r.stdout).toContain('Stored as #1.');
    expect(emulator.state.instances).toHaveLength(0);
  }, 90_000);

  it('feeds the energy ledger: loadout energy counts the time the run took', async () => {
    const r = await runLoadout([energyCommand], ['energy', '--by', 'model', '--json'], env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      kWh: number;
      rows: Array<{ seconds: { idleEmpty: number; loadedIdle: number; inferring: number } }>;
    };
    // The run lasted seconds of the replayed H200 trace (~80-700 W); without the feed there is no ledger at all.
    expect(report.kWh).toBeGreaterThan(0);
    const seconds = report.rows.reduce(
      (s, x) => s + x.seconds.idleEmpty + x.seconds.loadedIdle + x.seconds.inferring,
      0,
    );
    expect(seconds).toBeGreaterThan(3);
  });

  it('lists results as text and JSON', async () => {
    const text = await loadout('list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^#1 {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}qwen2\.5-7b-instruct Q4_K_M {2}GPU {2}\d+(\.\d)? tok\/s {2}TTFT \d+ms {2}4\/5\n$/,
    );
    const json = await loadout('list', '--json');
    const results = JSON.parse(json.stdout) as Array<{
      id: number;
      runs: number;
      versions: { lmStudio: string; driver: string };
    }>;
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: 1, runs: 2, versions: { lmStudio: '0.4.4+1', driver: '580.159.04' } });
  });

  it('rates later and exports Markdown and CSV', async () => {
    const rate = await loadout('rate', '1', '--rating', '5', '--notes', 'Rápido e preciso');
    expect(rate.code).toBe(0);
    expect(rate.stdout).toContain('**Quality**: ⭐⭐⭐⭐⭐ (5/5)');
    const md = await loadout('export', '--lang', 'en');
    expect(md.stdout).toContain('**Notes**: Rápido e preciso. Measured by Loadout');
    expect(md.stdout).toContain('**Issues**: Nenhum problema visto');
    const csv = await loadout('export', '--format', 'csv', '--lang', 'en', '1');
    const lines = csv.stdout.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\uFEFFid,started_at,model_key,/);
    expect(lines[1]).toMatch(/^1,/);
    const ptBr = await loadout('export', '--format', 'csv', '1');
    expect(ptBr.stdout).toMatch(/^\uFEFFid;started_at;model_key;/);
    expect(ptBr.stdout.split('\r\n')[1]).toMatch(/;\d+,\d+;/);
    const out = path.join(home, 'bench.csv');
    expect(await loadout('export', '--format', 'csv', '--output', out, '1')).toMatchObject({
      code: 0,
      stdout: '',
      stderr: `Wrote ${out} (UTF-8).\n`,
    });
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(ptBr.stdout);
  });

  it('fails clearly for a model that is not downloaded', async () => {
    const r = await loadout('not-a-model-7b');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"not-a-model-7b" is not downloaded in LM Studio');
  }, 30_000);

  it('fails clearly when LM Studio is down', async () => {
    const r = await runLoadout([bench], ['bench', 'qwen2.5-7b-instruct'], {
      ...env,
      LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'LM Studio is not running at http://127.0.0.1:9 (from the LOADOUT_LMSTUDIO_URL environment variable)',
    );
  }, 30_000);

  it('--lmstudio URL wins over LOADOUT_LMSTUDIO_URL, and must be a URL', async () => {
    const down = await loadout('qwen2.5-7b-instruct', '--lmstudio', 'http://127.0.0.1:9');
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('LM Studio is not running at http://127.0.0.1:9 (from the --lmstudio flag)');
    const bad = await loadout('qwen2.5-7b-instruct', '--lmstudio', 'localhost');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lmstudio needs an http(s) URL');
  }, 30_000);

  it('rejects bad arguments with exit 2 and the usage', async () => {
    for (const argv of [
      ['m', '--gpu', '2'],
      ['m', '--rating', '6'],
      ['m', '--runs', '0'],
      [],
      ['rate', '1'],
      ['rate', 'x', '--rating', '3'],
      ['export', '--format', 'pdf'],
      ['m', 'n'],
    ]) {
      const r = await loadout(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
    }
  });

  it('reports an unknown result id', async () => {
    expect((await loadout('export', '42')).code).toBe(1);
    expect((await loadout('rate', '42', '--rating', '3')).stderr).toContain('No benchmark result #42');
    expect((await loadout('delete', '42')).code).toBe(1);
    expect((await loadout('delete', '1')).stdout).toContain('Deleted benchmark result #1.');
  });
});
