/**
 * Black-box runs of `loadout models | presets | apply | unload` as a user runs them: a child process
 * (`node --import tsx electron/cli/main.ts …`) with a temp LOADOUT_HOME, the LM Studio emulator, the fake `lms`
 * and the fake nvidia-smi (an H200 capture), counting the emulator's state-changing calls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator/index';
import { spawnLoadout } from '../../support/cli-harness';

const root = path.resolve(__dirname, '../../..');
const fakeSmi = path.join(root, 'tests', 'fakes', 'nvidia-smi', 'nvidia-smi');

let emulator: LmStudioEmulator;
let home: string;

beforeAll(async () => {
  emulator = await createLmStudioEmulator({ loadMsPerGb: 2 });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-cli-presets-'));
});
afterAll(async () => {
  await emulator.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/**
 * `loadout <args>` as a user runs it, one Node process with tsx's loader. No kill timer of its own (the
 * test's timeout bounds it): a run killed on a busy machine used to come back as a made-up exit 1.
 */
function loadout(args: string[], env: Record<string, string> = {}) {
  return spawnLoadout(args, {
    LOADOUT_HOME: home,
    LOADOUT_LMSTUDIO_URL: emulator.url,
    LOADOUT_LMS: FAKE_LMS_PATH,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: fakeSmi,
    LM_API_TOKEN: '',
    ...env,
  });
}

const mutations = () => {
  const is = (kind: string) =>
    emulator.state.calls.filter(
      (c) => c.method === 'POST' && (c.path === `/api/v1/models/${kind}` || c.path === `/__emulator/lms/${kind}`),
    ).length;
  return { loads: is('load'), unloads: is('unload') };
};
const loaded = () => emulator.state.instances.map((i) => i.id).sort();

// Each run starts a fresh tsx process (seconds on a busy 2-core machine): generous timeouts, no timing assertions.
describe('loadout apply / presets / models / unload (black box)', { timeout: 180_000 }, () => {
  it('applies every built-in from the CLI; overlapping switches make no redundant call', async () => {
    const expected: [string, string[]][] = [
      ['dev', ['deepseek-coder-33b-instruct']],
      ['multi-agent', ['qwen2.5-7b-instruct', 'qwen2.5-coder-14b-instruct']],
      // No 7B coder downloaded: a second Qwen2.5 7B stands in, not the vision model Qwen2-VL 7B.
      ['dual-7b', ['qwen2.5-7b-instruct', 'qwen2.5-7b-instruct:2']],
      ['light', ['llama-3.2-1b-instruct', 'llama-3.2-3b-instruct']],
      ['gaming', []],
    ];
    for (const [id, ids] of expected) {
      emulator.control.clearCalls();
      const run = await loadout(['apply', id, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(out)).toEqual(['preset', 'plan', 'result', 'message']);
      expect(out).toMatchObject({ preset: id, result: 'ok' });
      expect(loaded()).toEqual(ids);
      for (const step of out.plan as Record<string, unknown>[])
        expect(Object.keys(step)).toEqual(['action', 'key', 'instanceId']);
      if (id === 'dual-7b') {
        // From multi-agent: the shared qwen2.5-7b stays; one unload, one load, nothing else.
        expect(mutations()).toEqual({ loads: 1, unloads: 1 });
        expect(out.plan).toEqual([
          { action: 'keep', key: 'qwen2.5-7b-instruct', instanceId: 'qwen2.5-7b-instruct' },
          { action: 'unload', key: 'qwen2.5-coder-14b-instruct', instanceId: 'qwen2.5-coder-14b-instruct' },
          { action: 'load', key: 'qwen2.5-7b-instruct', instanceId: 'qwen2.5-7b-instruct:2' },
        ]);
        emulator.control.clearCalls();
        const again = await loadout(['apply', id]);
        expect(again.code).toBe(0);
        expect(mutations()).toEqual({ loads: 0, unloads: 0 });
        expect(again.stdout).toContain('"dual-7b" is active: kept 2, unloaded 0, loaded 0.');
      }
    }
    const list = await loadout(['presets', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ activePresetId: 'gaming' });
  });

  it('lists each preset model as what it loads here, beside its selector; selectors only without LM Studio', async () => {
    const run = await loadout(['presets']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      '· Qwen2.5 7B Instruct (qwen2.5-7b-instruct, Q4_K_M, 4.4 GiB) ← a ~7B qwen2.5, llama or mistral model (Q4_K_M or smaller); ctx 8192, gpu max',
    );
    expect(run.stdout).toContain(
      '· DeepSeek Coder 33B Instruct (deepseek-coder-33b-instruct, Q4_K_M, 18.6 GiB) ← a ~33B',
    );
    expect(run.stdout).toContain(
      '(stand-in for a ~7B qwen2.5-coder, deepseek-coder or codellama model, none downloaded: using Qwen2.5 7B Instruct)',
    );
    const offline = await loadout(['presets'], { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9' });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('Models are shown as what each preset asks for.');
    expect(offline.stdout).toContain('· a ~7B qwen2.5, llama or mistral model (Q4_K_M or smaller); ctx 8192, gpu max');
    expect(run.stdout).toContain('dev — Dev\n    One 33B coder');
    // In a pt-BR terminal the built-ins are named and described from the pt-BR catalog.
    const pt = await loadout(['presets'], { LC_ALL: '', LC_MESSAGES: '', LANG: 'pt_BR.UTF-8' });
    expect(pt.stdout).toContain(
      'dev — Desenvolvimento\n    Um modelo de código de 33B (DeepSeek Coder 33B ou parecido)',
    );
    expect(pt.stdout).not.toContain('One 33B coder');
  });

  it('presets --json gives each preset the models it loads here, as presets.plan does; null and why without LM Studio', async () => {
    const run = await loadout(['presets', '--json']);
    expect(run.code, run.stderr).toBe(0);
    type Listed = { id: string; models: { key: string }[]; resolvedModels: Record<string, unknown>[] | null };
    const out = JSON.parse(run.stdout) as { presets: Listed[]; catalogUnavailable: string | null };
    expect(out.catalogUnavailable).toBeNull();
    const dual = out.presets.find((p) => p.id === 'dual-7b')!;
    expect(dual.resolvedModels).toEqual([
      {
        requested: dual.models[0]!.key,
        key: 'qwen2.5-7b-instruct',
        displayName: 'Qwen2.5 7B Instruct',
        quantization: 'Q4_K_M',
        paramsString: '7B',
        sizeBytes: expect.any(Number),
        message: null,
        substitute: false,
      },
      {
        requested: dual.models[1]!.key,
        key: 'qwen2.5-7b-instruct',
        displayName: 'Qwen2.5 7B Instruct',
        quantization: 'Q4_K_M',
        paramsString: '7B',
        sizeBytes: expect.any(Number),
        message:
          'stand-in for a ~7B qwen2.5-coder, deepseek-coder or codellama model, none downloaded: using Qwen2.5 7B Instruct',
        substitute: true,
      },
    ]);
    expect(out.presets.find((p) => p.id === 'gaming')!.resolvedModels).toEqual([]);
    const offline = await loadout(['presets', '--json'], { LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9' });
    expect(offline.code, offline.stderr).toBe(0);
    const down = JSON.parse(offline.stdout) as { presets: Listed[]; catalogUnavailable: string | null };
    expect(down.presets.every((p) => p.resolvedModels === null)).toBe(true);
    expect(down.catalogUnavailable).toMatch(/LM Studio/);
  });

  it('human output shows progress lines', async () => {
    const run = await loadout(['apply', 'dev']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\[1\/1\] load deepseek-coder-33b-instruct \(18\.6 GiB\) · \d+\.\d s$/m);
    // The preset answers once its one model is loaded: said as it happens, and again with the total.
    expect(run.stdout).toMatch(/^ready: deepseek-coder-33b-instruct answers · \d+\.\d s$/m);
    expect(run.stdout).toMatch(/^done in \d+\.\d s \(usable after \d+\.\d s\)$/m);
  });

  it('refuses a preset that cannot fit before unloading anything', async () => {
    // 8 × DeepSeek Coder 33B all on the GPU: ~180 GiB, more than the H200's 141 GB whatever the RAM.
    const file = path.join(home, 'huge.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'huge',
        name: 'Too big',
        models: Array.from({ length: 8 }, () => ({
          key: 'deepseek-coder-33b-instruct',
          contextLength: 16384,
          gpuOffload: 'max',
        })),
      }),
    );
    const imported = await loadout(['presets', 'import', file]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await loadout(['apply', 'dev'])).code).toBe(0);
    const before = loaded();
    expect(before).toEqual(['deepseek-coder-33b-instruct']);
    emulator.control.clearCalls();
    const run = await loadout(['apply', 'huge', '--json']);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as { result: string; message: string };
    expect(out.result).toBe('refused');
    expect(out.message).toMatch(
      /^Does not fit, nothing was changed\. deepseek-coder-33b-instruct needs ~\d+\.\d GiB of VRAM/,
    );
    expect(run.stderr).toContain('Does not fit');
    expect(mutations()).toEqual({ loads: 0, unloads: 0 });
    expect(loaded()).toEqual(before);

    // In a pt-BR terminal the refusal and the dry run's verdict are worded from the pt-BR catalog, decimals with a comma.
    const env = { LC_ALL: '', LC_MESSAGES: '', LANG: 'pt_BR.UTF-8' };
    const pt = await loadout(['apply', 'huge'], env);
    expect(pt.code).toBe(1);
    expect(pt.stderr).toMatch(
      /Não cabe; nada foi alterado\. deepseek-coder-33b-instruct precisa de ~\d+,\d GiB de VRAM e ~\d+,\d GiB estariam livres \(faltam \d+,\d GiB\)\./,
    );
    expect(pt.stderr).not.toMatch(/Does not fit|needs|would be free/);
    const dry = await loadout(['apply', 'huge', '--dry-run'], env);
    expect(dry.stdout).toMatch(/^Não cabe\. deepseek-coder-33b-instruct precisa de/m);
    expect(mutations()).toEqual({ loads: 0, unloads: 0 });
  });

  it('--dry-run prints the plan and changes nothing', async () => {
    emulator.control.clearCalls();
    const run = await loadout(['apply', 'multi-agent', '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /Plan for "multi-agent" \(dry run, nothing changed\):\n {2}unload deepseek-coder-33b-instruct/,
    );
    expect(run.stdout).toMatch(/load {3}qwen2\.5-coder-14b-instruct \(8\.4 GiB\) \[ctx 8192, gpu max\]/);
    expect(mutations()).toEqual({ loads: 0, unloads: 0 });
    expect(emulator.state.calls.every((c) => c.method === 'GET')).toBe(true);
  });

  it('without nvidia-smi or NVML, checks against RAM and says so', async () => {
    const run = await loadout(['apply', 'light', '--dry-run'], {
      LOADOUT_NVIDIA_SMI: path.join(home, 'no-such-nvidia-smi'),
    });
    expect(run.stdout).toMatch(/No GPU memory reading \(.+\): checked against RAM only\./);
  });

  it('models lists the catalog and the API level; --json is the models state', async () => {
    const human = await loadout(['models']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^LM Studio 0\.4\.4\+1 · REST v1/m);
    expect(human.stdout).toMatch(/deepseek-coder-33b-instruct +33B +Q4_K_M +18\.6 GiB +llm +loaded ×1/);
    const json = JSON.parse((await loadout(['models', '--json'])).stdout) as {
      reachable: boolean;
      apiLevel: string;
      loaded: { instanceId: string; pinned: boolean }[];
    };
    expect(json).toMatchObject({ reachable: true, apiLevel: 'v1' });
    expect(json.loaded.map((i) => i.instanceId)).toEqual(['deepseek-coder-33b-instruct']);
  });

  it('presets export / import round-trip, with field errors and clashes refused', async () => {
    const exported = await loadout(['presets', 'export', 'dev']);
    expect(exported.code).toBe(0);
    const file = path.join(home, 'dev-copy.json');
    fs.writeFileSync(file, exported.stdout.replace('"id": "dev"', '"id": "dev-copy"'));
    expect((await loadout(['presets', 'import', file])).code).toBe(0);
    const clash = await loadout(['presets', 'import', file]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      `a preset "dev-copy" already exists; nothing was imported. Add --replace to overwrite it, or change its "id" in ${file}`,
    );
    expect((await loadout(['presets', 'import', file, '--replace'])).code).toBe(0);
    const bad = path.join(home, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ id: 'x', name: 'X', models: [{ key: 'k', gpuOffload: 'half' }] }]));
    const refused = await loadout(['presets', 'import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^ {2}\[0\]\.models\[0\]\.gpuOffload: /m);
    const ids = (
      JSON.parse((await loadout(['presets', '--json'])).stdout) as { presets: { id: string }[] }
    ).presets.map((p) => p.id);
    expect(ids).toContain('dev-copy');
    expect(ids).not.toContain('x');
    expect((await loadout(['presets', 'export', 'nope'])).code).toBe(1);
  });

  it('unload one instance, then --all; usage errors exit 2', async () => {
    expect((await loadout(['apply', 'multi-agent'])).code).toBe(0);
    const one = await loadout(['unload', 'qwen2.5-7b-instruct']);
    expect(one.code, one.stderr).toBe(0);
    expect(loaded()).toEqual(['qwen2.5-coder-14b-instruct']);
    const missing = await loadout(['unload', 'not-loaded']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No loaded instance "not-loaded" (loaded: qwen2.5-coder-14b-instruct)');
    expect((await loadout(['unload', '--all'])).code).toBe(0);
    expect(loaded()).toEqual([]);
    for (const usage of [['unload'], ['apply'], ['apply', 'dev', '--bogus']]) {
      const run = await loadout(usage);
      expect(run.code, `loadout ${usage.join(' ')}: ${run.stderr}`).toBe(2);
    }
  });

  it('LM Studio down: exit 1 with what to do', async () => {
    const run = await loadout(['apply', 'dev', '--json', '--lmstudio', 'http://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ preset: 'dev', result: 'failed' });
    expect(run.stderr).toMatch(/not running.*start/i);
  });
});
