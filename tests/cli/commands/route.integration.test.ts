/** `loadout route` as a user runs it, against the LM Studio emulator: the decision only, no model call. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBenchStore } from '../../../electron/core/bench/bench-store';
import { routeCommand } from '../../../electron/cli/commands/route';
import { qwen7bResult } from '../../support/result-fixture';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let home: string;
let emu: LmStudioEmulator;
const env = () => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  PATH: process.env.PATH,
  HOME: home,
});

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-route-cli-'));
  emu = await createLmStudioEmulator({
    preload: [
      { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
      { key: 'llama-3.2-3b-instruct', contextLength: 8192 },
    ],
  });
});
afterEach(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout route', () => {
  it('prints the decision as JSON and calls no model', async () => {
    emu.control.clearCalls();
    const r = await runLoadout(
      [routeCommand],
      ['route', 'Traceback (most recent call last):\n  File "a.py", line 1\nNameError: x', '--json'],
      env(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as {
      choice: { modelKey: string; source: string };
      reason: string;
      task: { kind: string };
      runnersUp: Array<{ modelKey: string }>;
      decisionUs: number;
    };
    expect(d.choice).toMatchObject({ modelKey: 'qwen2.5-coder-14b-instruct', source: 'auto' });
    expect(d.task.kind).toBe('code');
    expect(d.reason).toBe('code detected → qwen2.5-coder-14b-instruct, coder model, loaded, 8k context fits');
    expect(d.runnersUp.map((x) => x.modelKey)).toEqual(['llama-3.2-3b-instruct']);
    expect(d.decisionUs).toBeGreaterThan(0);
    expect(emu.state.calls.some((c) => c.path.includes('chat/completions'))).toBe(false);
  });

  it('explains the scores in text mode', async () => {
    const r = await runLoadout([routeCommand], ['route', 'Qual a capital da Austrália?', '--explain'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^short question → llama-3\.2-3b-instruct, small and fast, loaded, 8k context fits\n/);
    expect(r.stdout).toMatch(/task: quick \(pt-BR/);
    expect(r.stdout).toMatch(/scores:\n/);
    expect(r.stdout).toMatch(/deepseek-coder-33b-instruct\s+–\s+not loaded \(JIT loading off\)/);
  });

  it('words the table in pt-BR in a pt-BR terminal, the English signals left to --json', async () => {
    const r = await runLoadout([routeCommand], ['route', 'Qual a capital da Austrália?'], {
      ...env(),
      LANG: 'pt_BR.UTF-8',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^pergunta curta → llama-3\.2-3b-instruct, pequeno e rápido, carregado, contexto de 8k cabe\n/,
    );
    expect(r.stdout).toMatch(/^tarefa: rápidas \(pt-BR, ~\d+ tokens, orçamento de resposta \d+\) · confiança 0,\d\d$/m);
    expect(r.stdout).toMatch(/^outras opções: qwen2\.5-coder-14b-instruct/m);
    expect(r.stdout).not.toMatch(/short|task:|runners-up|confidence/);
  });

  it('with --allow-load proposes a load that fits the free VRAM of the sampled GPU', async () => {
    const r = await runLoadout(
      [routeCommand],
      ['route', 'describe this picture', '--image', '1', '--allow-load', '--json'],
      env(),
    );
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { choice: { modelKey: string; needsLoad: boolean }; reason: string };
    expect(d.choice).toMatchObject({ modelKey: 'qwen2-vl-7b-instruct', needsLoad: true });
    expect(d.reason).toMatch(/^image attached → qwen2-vl-7b-instruct, loads now \(~\d+\.\d GB of \d+\.\d GB free\)/);
  });

  it('honours @model and --model', async () => {
    const mention = await runLoadout(
      [routeCommand],
      ['route', '@llama-3.2-3b explain monads in depth please, with examples and history', '--json'],
      env(),
    );
    expect(JSON.parse(mention.stdout).choice).toMatchObject({
      modelKey: 'llama-3.2-3b-instruct',
      source: 'prompt-mention',
    });
    const explicit = await runLoadout(
      [routeCommand],
      ['route', 'hi', '--model', 'qwen2.5-coder-14b-instruct', '--json'],
      env(),
    );
    expect(JSON.parse(explicit.stdout).reason).toBe('chosen by you → qwen2.5-coder-14b-instruct, loaded');
  });

  it('says what to do when LM Studio is not running, and exits 1', async () => {
    await emu.close();
    const r = await runLoadout([routeCommand], ['route', 'hello there'], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/LM Studio is not reachable: start it/);
    emu = await createLmStudioEmulator();
  });

  it('--task sets the task the text alone would miss; a wrong one is a usage error', async () => {
    const r = await runLoadout(
      [routeCommand],
      ['route', 'Como deixo isso mais rápido?', '--task', 'code', '--json'],
      env(),
    );
    const d = JSON.parse(r.stdout) as { choice: { modelKey: string }; task: { kind: string; signals: string[] } };
    expect(d.task.kind).toBe('code');
    expect(d.task.signals).toContain('classified as code');
    expect(d.choice.modelKey).toBe('qwen2.5-coder-14b-instruct');
    const bad = await runLoadout([routeCommand], ['route', 'x', '--task', 'poetry'], env());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--task takes code, chat or quick/);
  });

  it('a missing prompt is a usage error', async () => {
    const r = await runLoadout([routeCommand], ['route', '--json'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give the prompt to route/);
  });

  it('--lmstudio must be an http(s) URL, like the other LM Studio commands', async () => {
    const r = await runLoadout([routeCommand], ['route', 'hello', '--lmstudio', 'localhost:1234'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--lmstudio needs an http\(s\) URL/);
  });

  it('never creates loadout.db to decide', async () => {
    const r = await runLoadout([routeCommand], ['route', 'Qual a capital da Austrália?', '--json'], env());
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(home, 'loadout.db'))).toBe(false);
  });

  it("weighs the stored benchmark results: measured speed and the user's stars", async () => {
    const prompt = 'Me conte uma curiosidade sobre a história do Brasil colonial.';
    const before = JSON.parse((await runLoadout([routeCommand], ['route', prompt, '--json'], env())).stdout) as {
      scores: Array<{ modelKey: string; parts: Record<string, number> }>;
    };
    expect(before.scores.find((x) => x.modelKey === 'llama-3.2-3b-instruct')!.parts.stars).toBeUndefined();
    const { opened, store } = openBenchStore(home);
    const result = qwen7bResult();
    store.add({
      ...result,
      model: { ...result.model, key: 'llama-3.2-3b-instruct' },
      human: { ...result.human, rating: 5, bestFor: null },
    });
    opened.close();
    const r = await runLoadout([routeCommand], ['route', prompt, '--json'], env());
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as typeof before & { reason: string };
    const llama = d.scores.find((x) => x.modelKey === 'llama-3.2-3b-instruct')!;
    // One 5-star run, named for no task in particular: (5 − 3) × 4, halved until a second run agrees.
    expect(llama.parts.stars).toBe(4);
    expect(d.reason).toContain('98 tok/s measured');
    expect(llama.parts.speed).not.toBe(before.scores.find((x) => x.modelKey === 'llama-3.2-3b-instruct')!.parts.speed);
  });
});
