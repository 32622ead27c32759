/**
 * `loadout route --json` and `loadout chat --json` across the desk: this machine's LM Studio is gone,
 * another machine runs a Loadout agent (a real `loadout serve` on a loopback address) holding a coder.
 * The decision names the machine (`choice.machine`, the reason "on workstation") and so does the
 * answer's summary; the agent answered through its own chat (its emulator saw the one chat call).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatCommand } from '../../../electron/cli/commands/chat';
import { createMachinesCommand } from '../../../electron/cli/commands/machines';
import { routeCommand } from '../../../electron/cli/commands/route';
import { runLoadout } from '../../support/cli-harness';
import { deadCliEnv } from '../../support/running-serve';
import { startFleetAgent, type FleetAgent } from '../../support/fleet-agents';

const TOKEN = 'token-for-the-workstation-0123456789';
const CODE = 'Traceback (most recent call last):\n  File "app.py", line 9\nKeyError: \'id\'';
let home: string;
let ws: FleetAgent;

const env = () => ({
  ...(process.env as Record<string, string>),
  ...deadCliEnv(home),
  LOADOUT_MACHINE_TOKEN_WORKSTATION: TOKEN,
});
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-route-fleet-'));
  ws = await startFleetAgent('127.0.0.8', TOKEN, ['qwen2.5-coder-14b-instruct']);
  const added = await runLoadout(
    [createMachinesCommand(() => Readable.from(['']))],
    ['machines', 'add', 'workstation', ws.url],
    { ...env(), LOADOUT_MACHINE_TOKEN: TOKEN },
  );
  expect(added.code, added.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await ws?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('routing across the desk from the CLI', { timeout: 120_000 }, () => {
  it('route --json carries choice.machine and a reason that names the machine', async () => {
    const r = await runLoadout([routeCommand], ['route', CODE, '--json'], env());
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const d = lastJson(r.stdout) as { choice: Record<string, unknown>; reason: string };
    expect(d.choice).toMatchObject({
      modelKey: 'qwen2.5-coder-14b-instruct',
      machine: 'workstation',
      endpointKind: 'remote',
      endpointId: 'agent:workstation',
    });
    expect(d.reason).toMatch(/→ qwen2\.5-coder-14b-instruct on workstation, coder model, loaded/);
  });

  it('chat --json answers on the agent and says which machine answered', async () => {
    const before = ws.emu.state.calls.filter((c) => /chat/.test(c.path)).length;
    const r = await runLoadout([chatCommand], ['chat', CODE, '--json', '--max-tokens', '5'], env());
    expect(r.code, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({
      model: 'qwen2.5-coder-14b-instruct',
      endpoint: 'remote',
      machine: 'workstation',
      completionTokens: 5,
    });
    expect(ws.emu.state.calls.filter((c) => /chat/.test(c.path)).length).toBe(before + 1);
    const plain = await runLoadout([chatCommand], ['chat', CODE, '--max-tokens', '5'], env());
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toContain('answered on workstation');
  });
});
