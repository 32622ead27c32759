/**
 * core.fleet as the faces use it: built by createAppCore, started like the tray app and serve start it,
 * reading the token from LOADOUT_MACHINE_TOKEN_<NAME>, following `machines` edits without a restart,
 * its changes on the app API as fleet.changed, its open socket handed out by `client(name)`, and
 * stopped with the core.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppApi } from '../../../electron/core/api/create-app-api';
import { createAppCore } from '../../../electron/core/app-core';
import { createEventHub, type FleetState } from '../../../shared/contract';
import { startFleetAgent } from '../../support/fleet-agents';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('core.fleet', { timeout: 90_000 }, () => {
  it('watches machines added and removed in the settings while it runs', async () => {
    const agent = await startFleetAgent('127.0.0.7', 'token-core-0123456789abcdef', ['llama-3.2-3b-instruct']);
    cleanups.push(() => agent.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-core-fleet-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const core = createAppCore({
      dataDir: dir,
      env: { LOADOUT_HOME: dir, LOADOUT_MACHINE_TOKEN_DESK_2: agent.token, LOADOUT_LMSTUDIO_URL: agent.emu.url },
      onMessage: () => undefined,
    });
    cleanups.push(() => core.dispose());
    const hub = createEventHub();
    const changed: FleetState[] = [];
    hub.subscribe((e) => e.event === 'fleet.changed' && changed.push(e.payload as FleetState));
    const api = createAppApi(core, { host: 'serve', events: hub, env: {} });
    cleanups.push(() => api.dispose());

    core.fleet.start();
    expect(core.fleet.snapshot()).toEqual([]);
    core.settings.update((s) => ({
      ...s,
      machines: [
        { name: 'desk-2', url: agent.url, kind: 'loadout' },
        { name: 'studio', url: agent.emu.url, kind: 'lmstudio-only' },
      ],
    }));
    await vi.waitFor(() => expect(core.fleet.snapshot().map((m) => m.online)).toEqual([true, true]), {
      timeout: 20_000,
    });
    // LM Studio-only: its loaded models through LM Studio's REST API, and what cannot be seen.
    expect(core.fleet.snapshot()[1]).toMatchObject({
      name: 'studio',
      version: null,
      loadedModels: ['llama-3.2-3b-instruct'],
      unseen: ['GPU', 'VRAM', 'power', 'active preset'],
    });
    expect(core.fleet.snapshot()[0]!.loadedModels).toEqual(['llama-3.2-3b-instruct']);
    expect(changed.at(-1)!.machines[0]).toMatchObject({ name: 'desk-2', online: true });
    const listed = await api.handlers['fleet.list'](undefined, { transport: 'ws', callerId: 'x' });
    expect(listed.machines[0]).toMatchObject({ name: 'desk-2', online: true });

    const client = await core.fleet.client('desk-2');
    const models = await client.call('models.list', undefined);
    expect(models.ok && models.result.loaded.map((m) => m.modelKey)).toEqual(['llama-3.2-3b-instruct']);
    expect(core.fleet.tokenFor(core.settings.get().machines[0]!)).toBe(agent.token);

    core.settings.update((s) => ({ ...s, machines: [] }));
    await vi.waitFor(() => expect(core.fleet.snapshot()).toEqual([]), { timeout: 20_000 });
    expect(changed.at(-1)!.machines).toEqual([]);
  });
});
