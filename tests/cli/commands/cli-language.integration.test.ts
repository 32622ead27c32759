/**
 * The main CLI outputs in a pt-BR terminal, against the LM Studio emulator and the fake nvidia-smi: no
 * English word outside names and units, with the same checker and word lists as the windows' sweep.
 * `presets` and `models` are not here yet: their listings (family selectors, model table, notes) are
 * still written in English by the core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/commands';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { foreignWords } from '../../e2e/foreign-words';
import { runLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(__dirname, '../../..');
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
  LANG: 'pt_BR.UTF-8',
});

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-cli-language-'));
  emu = await createLmStudioEmulator({
    preload: [
      { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
      { key: 'llama-3.2-3b-instruct', contextLength: 8192 },
    ],
  });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the CLI in a pt-BR terminal', () => {
  it.each([
    ['energy', ['energy']],
    ['route', ['route', 'Qual a capital da Austrália?']],
    ['profile', ['profile']],
    ['apply --dry-run', ['apply', 'dual-7b', '--dry-run']],
  ])(
    '%s prints no English word',
    async (_name, argv) => {
      const run = await runLoadout(commands, argv, env());
      expect(run.stdout.length, run.stderr).toBeGreaterThan(0);
      // What the user typed (a preset id such as "dual-7b") is echoed as typed: only the CLI's own words count.
      const own = argv.reduce((text, arg) => text.split(arg).join('…'), `${run.stdout}\n${run.stderr}`);
      expect(foreignWords(own, 'pt-BR')).toEqual([]);
    },
    60_000,
  );
});
