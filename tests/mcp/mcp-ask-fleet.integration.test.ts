/**
 * The MCP `ask` tool across the desk: `loadout mcp` on this machine (whose LM Studio holds only a 1B
 * model) hands code work to another machine's Loadout agent (a real `loadout serve` on a loopback
 * address holding a coder), and the answer says which machine answered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMachinesCommand } from '../../electron/cli/commands/machines';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
import { runLoadout } from '../support/cli-harness';
import { startFleetAgent, type FleetAgent } from '../support/fleet-agents';
import { connectStdio, ROOT, textOf } from '../support/mcp-harness';

const TOKEN = 'token-for-the-mcp-workstation-0123456789';
let home: string;
let emu: LmStudioEmulator;
let ws: FleetAgent;

const env = () => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: emu.url,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  FAKE_NVSMI_SPEED: '4',
  LM_API_TOKEN: '',
  LOADOUT_MACHINE_TOKEN_WORKSTATION: TOKEN,
});

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-fleet-'));
  [emu, ws] = await Promise.all([
    createLmStudioEmulator({ preload: [{ key: 'llama-3.2-1b-instruct' }] }),
    startFleetAgent('127.0.0.10', TOKEN, ['qwen2.5-coder-14b-instruct']),
  ]);
  const added = await runLoadout(
    [createMachinesCommand(() => Readable.from(['']))],
    ['machines', 'add', 'workstation', ws.url],
    { ...(process.env as Record<string, string>), ...env(), LOADOUT_MACHINE_TOKEN: TOKEN },
  );
  expect(added.code, added.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await Promise.all([ws?.stop(), emu?.close()]);
  fs.rmSync(home, { recursive: true, force: true });
});

describe('ask across the desk', { timeout: 120_000 }, () => {
  it('hands code work to the machine that holds the coder, and says which machine answered', async () => {
    const mcp = await connectStdio('2026-07-28', ['--standalone'], env());
    try {
      const answer = await mcp.client.callTool({
        name: 'ask',
        arguments: {
          prompt: 'Why does this fail?\n```ts\nconst a: string = 1\n```',
          task: 'code',
          max_tokens: 8,
        },
      });
      expect(answer.isError, textOf(answer)).toBeFalsy();
      expect(answer.structuredContent).toMatchObject({
        answered: true,
        model: 'qwen2.5-coder-14b-instruct',
        machine: 'workstation',
      });
      expect((answer.structuredContent as { reason: string }).reason).toContain('on workstation');
      expect(textOf(answer)).toContain('— qwen2.5-coder-14b-instruct on workstation');
      expect(ws.emu.state.calls.filter((c) => /chat/.test(c.path))).toHaveLength(1);
      expect(emu.state.calls.filter((c) => /chat/.test(c.path))).toHaveLength(0);
    } finally {
      await mcp.close();
    }
  });
});
