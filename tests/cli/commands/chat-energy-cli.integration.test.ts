/**
 * `loadout chat --json` reports the answer's energy: a short answer (well under a second) between two
 * readings of the fake nvidia-smi (the real H200 trace, stamped with the current time) is measured,
 * and stored in the ledger with full coverage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatCommand } from '../../../electron/cli/commands/chat';
import { openEnergyLedger } from '../../../electron/core/energy/energy-service';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../../emulator';
import { runLoadout } from '../../support/cli-harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The replayed trace's lowest and highest `power.draw` (W): an answer's average power lies between them. */
const tracePowerW = fs
  .readFileSync(path.join(ROOT, 'tests/fixtures/nvidia-smi/h200-driver-580/stream-200ms.csv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => Number(line.split(', ')[3]));
const minW = Math.min(...tracePowerW);
const maxW = Math.max(...tracePowerW);
let home: string;
let emu: LmStudioEmulator;

beforeEach(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-chat-energy-'));
  emu = await createLmStudioEmulator({
    tokensPerSecond: 100,
    timeToFirstTokenMs: 60,
    preload: [{ key: 'qwen2.5-7b-instruct', contextLength: 8192 }],
  });
});
afterEach(async () => {
  await emu.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('loadout chat --json energy', () => {
  it('measures a short answer from the readings around it (energyWh is not null)', async () => {
    const env = {
      LOADOUT_HOME: home,
      LOADOUT_LMSTUDIO_URL: emu.url,
      LOADOUT_LMS: FAKE_LMS_PATH,
      LOADOUT_NVML: 'off',
      LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
      FAKE_NVSMI_NOW: '1',
      PATH: process.env.PATH,
      HOME: home,
    };
    const t0 = Date.now();
    const r = await runLoadout(
      [chatCommand],
      ['chat', 'What is 15% of 240?', '--json', '--max-tokens', '20', '--no-history'],
      env,
    );
    const elapsedS = (Date.now() - t0) / 1000;
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { energyWh: number | null; endpoint: string };
    expect(summary.endpoint).toBe('local');
    expect(summary.energyWh).not.toBeNull();
    // The answer's energy is at most the trace's highest draw over the command's own time.
    expect(summary.energyWh!).toBeGreaterThan(0);
    expect(summary.energyWh!).toBeLessThan((maxW * elapsedS) / 3600);
    const { opened, ledger } = openEnergyLedger(home);
    const [stored] = ledger.requests(0, Date.now() + 60_000);
    opened.close();
    expect(stored).toMatchObject({
      model: 'qwen2.5-7b-instruct',
      tokens: 20,
      coverage: 1,
      method: 'power-integration',
    });
    expect(stored!.energyJ! / 3600).toBeCloseTo(summary.energyWh!, 5);
    // Its average power is within the trace's range (78–706 W; which part the answer meets depends on the
    // machine's load, as the trace keeps its own pace).
    const watts = stored!.energyJ! / (stored!.durationMs / 1000);
    expect(minW).toBeGreaterThan(50);
    expect(watts).toBeGreaterThanOrEqual(minW);
    expect(watts).toBeLessThanOrEqual(maxW);
  }, 30_000);
});
