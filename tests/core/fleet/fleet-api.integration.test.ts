/**
 * fleet.* through the app API over a real `loadout serve` agent: inspect, add (the token kept only
 * encrypted, never in config.json), the watch reaching the agent with that stored token, a relayed
 * presets.apply whose progress goes to its caller alone, the faults of a relay (unknown machine,
 * LM Studio only, offline), an https agent pinned to the compared fingerprint, and remove.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiHandlers } from '../../../electron/core/api/handlers/create-api-handlers';
import type { ApiServices } from '../../../electron/core/api/handlers/api-services';
import type { SecretCodec } from '../../../electron/core/api/secret-codec';
import { aesCodec } from '../../support/aes-codec';
import { connectToAgent } from '../../../electron/core/fleet/agent-connection';
import { createFleetWatch } from '../../../electron/core/fleet/fleet-watch';
import { encryptedSecret, machineToken } from '../../../electron/core/routing/settings-endpoints';
import { SettingsStore } from '../../../electron/core/settings/settings-store';
import { createEventHub, type CallContext } from '../../../shared/contract';
import { startFleetAgent } from '../../support/fleet-agents';
import { startFakeHttpsAgent } from './fake-https-agent';
import { manualTimers } from './manual-timers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function setup(secrets: SecretCodec | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fleet-api-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const settings = new SettingsStore({ dataDir: dir });
  const timers = manualTimers();
  const watch = createFleetWatch({
    machines: () => settings.get().machines,
    tokenFor: (m) =>
      machineToken(m, {}, (name) => {
        const stored = encryptedSecret(settings.get(), name);
        return stored && secrets ? secrets.decrypt(stored) : null;
      }),
    timers,
  });
  cleanups.push(() => watch.stop());
  const hub = createEventHub();
  const emitted: Array<{ event: string; payload: unknown; to: string | undefined }> = [];
  hub.subscribe((e, to) => emitted.push({ event: e.event, payload: e.payload, to }));
  const services = { host: 'serve', version: 'test', locale: 'en', settings, secrets, fleet: watch } as ApiServices;
  const api = createApiHandlers(services, hub);
  cleanups.push(() => api.dispose());
  return { settings, watch, timers, emitted, h: api.handlers, config: () => fs.readFileSync(settings.path, 'utf8') };
}

const caller: CallContext = { transport: 'ws', callerId: 'caller-1' };
const preset = {
  id: 'chat-7b',
  name: 'Chat 7B',
  description: '',
  models: [{ key: 'qwen2.5-7b-instruct', contextLength: 4096 }],
  exclusive: true,
  builtIn: false,
};

describe('fleet API', { timeout: 90_000 }, () => {
  it('adds an agent with its token encrypted, relays presets.apply to it, and removes it', async () => {
    const agent = await startFleetAgent('127.0.0.4', 'token-api-0123456789abcdef', ['llama-3.2-3b-instruct']);
    cleanups.push(() => agent.stop());
    const { settings, watch, timers, emitted, h, config } = setup(aesCodec());

    expect(await h['fleet.inspect']({ url: agent.url, token: agent.token }, caller)).toMatchObject({
      kind: 'loadout',
      fingerprint: null,
    });
    const added = await h['fleet.add']({ name: 'lab', url: agent.url, kind: 'loadout', token: agent.token }, caller);
    expect(added.machines.map((m) => m.name)).toEqual(['lab']);
    expect(config()).not.toContain(agent.token);
    const stored = settings.get().machines[0]!.tokenEncrypted!;
    expect(stored).toEqual(expect.any(String));
    expect(config()).toContain(stored);
    expect(emitted.some((e) => e.event === 'fleet.changed')).toBe(true);

    // The watch reaches the agent with the token it decrypts from the settings.
    watch.start();
    timers.advance(0);
    await vi.waitFor(() => expect(watch.snapshot()[0]).toMatchObject({ name: 'lab', online: true }), {
      timeout: 20_000,
    });

    const direct = await connectToAgent({ name: 'lab', url: agent.url }, agent.token);
    expect((await direct.client.call('presets.save', { preset })).ok).toBe(true);
    await direct.close();
    const result = await h['fleet.call'](
      { machine: 'lab', method: 'presets.apply', params: { id: 'chat-7b' } },
      caller,
    );
    expect(result).toMatchObject({ presetId: 'chat-7b', result: 'ok' });
    const relayed = emitted.filter((e) => e.event === 'fleet.event');
    expect(relayed.some((e) => (e.payload as { event: string }).event === 'presets.progress')).toBe(true);
    expect(relayed.every((e) => e.to === 'caller-1' && (e.payload as { machine: string }).machine === 'lab')).toBe(
      true,
    );

    await expect(h['fleet.call']({ machine: 'nope', method: 'models.list' }, caller)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('(there are: lab)'),
    });

    await h['fleet.remove']({ name: 'lab' }, caller);
    expect(settings.get().machines).toEqual([]);
    expect(config()).not.toContain(stored);
  });

  it('says a machine went away in the middle of a relayed switch, and touches no other', async () => {
    const [lab, desk] = await Promise.all([
      startFleetAgent('127.0.0.8', 'token-drop-0123456789abcdef', []),
      startFleetAgent('127.0.0.9', 'token-desk-0123456789abcdef', ['llama-3.2-3b-instruct']),
    ]);
    cleanups.push(
      () => lab.stop(),
      () => desk.stop(),
    );
    const { watch, timers, emitted, h } = setup(aesCodec());
    await h['fleet.add']({ name: 'lab', url: lab.url, kind: 'loadout', token: lab.token }, caller);
    await h['fleet.add']({ name: 'desk', url: desk.url, kind: 'loadout', token: desk.token }, caller);
    watch.start();
    timers.advance(0);
    await vi.waitFor(() => expect(watch.snapshot().every((s) => s.online)).toBe(true), { timeout: 20_000 });
    const direct = await connectToAgent({ name: 'lab', url: lab.url }, lab.token);
    expect((await direct.client.call('presets.save', { preset })).ok).toBe(true);
    await direct.close();
    // A slow load keeps the switch running until the agent is killed.
    lab.emu.control.set({ loadMsPerGb: 60_000 });
    const switching = h['fleet.call']({ machine: 'lab', method: 'presets.apply', params: { id: 'chat-7b' } }, caller);
    const outcome = switching.catch((error: unknown) => error);
    await vi.waitFor(() => expect(emitted.some((e) => e.event === 'fleet.event')).toBe(true), { timeout: 20_000 });
    await lab.kill();
    expect(await outcome).toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^"lab" went away during presets\.apply; .*stopped part way/),
    });
    const other = await h['fleet.call']({ machine: 'desk', method: 'models.list' }, caller);
    expect((other as { loaded: Array<{ modelKey: string }> }).loaded.map((m) => m.modelKey)).toEqual([
      'llama-3.2-3b-instruct',
    ]);
    expect(watch.snapshot().find((s) => s.name === 'desk')).toMatchObject({ online: true, problem: null });
  });

  it('refuses a wrong token, plain HTTP off this machine, and a missing keychain, adding nothing', async () => {
    const agent = await startFleetAgent('127.0.0.5', 'token-right-0123456789abcd', []);
    cleanups.push(() => agent.stop());
    const { settings, h } = setup(aesCodec());
    await expect(
      h['fleet.add']({ name: 'lab', url: agent.url, kind: 'loadout', token: 'wrong-token' }, caller),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('"lab" refused the token'),
      problem: { kind: 'refused' },
    });
    await expect(
      h['fleet.add']({ name: 'far', url: 'http://192.168.1.20:1235', kind: 'loadout', token: 't' }, caller),
    ).rejects.toMatchObject({ code: 'refused', message: expect.stringContaining('plain HTTP off this machine') });
    expect(settings.get().machines).toEqual([]);

    const noKeychain = setup(undefined);
    await expect(
      noKeychain.h['fleet.add']({ name: 'lab', url: agent.url, kind: 'loadout', token: agent.token }, caller),
    ).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('never keeps a token in plain text'),
    });
    expect(noKeychain.settings.get().machines).toEqual([]);
  });

  it('answers LM Studio-only and offline machines clearly, naming them', async () => {
    const agent = await startFleetAgent('127.0.0.6', 'token-off-0123456789abcdef', ['llama-3.2-3b-instruct']);
    cleanups.push(() => agent.stop());
    const { h } = setup(aesCodec());
    expect(await h['fleet.inspect']({ url: agent.emu.url }, caller)).toMatchObject({ kind: 'lmstudio-only' });
    await h['fleet.add']({ name: 'studio', url: agent.emu.url, kind: 'lmstudio-only' }, caller);
    await expect(
      h['fleet.call']({ machine: 'studio', method: 'presets.apply', params: { id: 'x' } }, caller),
    ).rejects.toThrow('LM Studio only: presets.apply needs Loadout on that machine');
    await h['fleet.add']({ name: 'lab', url: agent.url, kind: 'loadout', token: agent.token }, caller);
    await agent.kill();
    await expect(h['fleet.call']({ machine: 'lab', method: 'models.list' }, caller)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('"lab" does not answer'),
      problem: { kind: 'offline' },
    });
  });

  it('pins an https agent to the fingerprint the user compared', async () => {
    const fake = await startFakeHttpsAgent({ token: 'token-https-0123456789abcd' });
    cleanups.push(() => fake.close());
    const { settings, h } = setup(aesCodec());
    const seen = await h['fleet.inspect']({ url: fake.url }, caller);
    expect(seen).toEqual({ kind: 'loadout', fingerprint: fake.fingerprint, version: null });
    await expect(
      h['fleet.add']({ name: 'tls', url: fake.url, kind: 'loadout', token: 'token-https-0123456789abcd' }, caller),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(
      h['fleet.add'](
        {
          name: 'tls',
          url: fake.url,
          kind: 'loadout',
          token: 'token-https-0123456789abcd',
          fingerprint: 'cd'.repeat(32),
        },
        caller,
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('The certificate of "tls" has changed') });
    await h['fleet.add'](
      {
        name: 'tls',
        url: fake.url,
        kind: 'loadout',
        token: 'token-https-0123456789abcd',
        fingerprint: seen.fingerprint!,
      },
      caller,
    );
    expect(settings.get().machines[0]).toMatchObject({ name: 'tls', fingerprint: fake.fingerprint });
  });

  it('moves an https agent to a new address only pinned to the fingerprint compared there', async () => {
    const token = 'token-move-0123456789abcdef';
    const [before, after] = await Promise.all([startFakeHttpsAgent({ token }), startFakeHttpsAgent({ token })]);
    cleanups.push(
      () => before.close(),
      () => after.close(),
    );
    const { settings, h } = setup(aesCodec());
    await h['fleet.add'](
      { name: 'tls', url: before.url, kind: 'loadout', token, fingerprint: before.fingerprint },
      caller,
    );
    const stored = settings.get().machines[0]!.tokenEncrypted;
    await expect(h['fleet.update']({ name: 'tls', url: after.url }, caller)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining(`presents at ${after.url}`),
    });
    // The old pin does not carry over to the new address: its certificate differs.
    await expect(
      h['fleet.update']({ name: 'tls', url: after.url, fingerprint: before.fingerprint }, caller),
    ).rejects.toMatchObject({ message: expect.stringContaining('The certificate of "tls" has changed') });
    expect(settings.get().machines[0]).toMatchObject({ url: before.url, fingerprint: before.fingerprint });
    // Reached with the token kept encrypted, decrypted only to reach it.
    await h['fleet.update']({ name: 'tls', url: after.url, fingerprint: after.fingerprint }, caller);
    expect(settings.get().machines).toEqual([
      { name: 'tls', url: after.url, kind: 'loadout', fingerprint: after.fingerprint, tokenEncrypted: stored },
    ]);
    await expect(h['fleet.update']({ name: 'tls', token: null }, caller)).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(h['fleet.update']({ name: 'nope', token: 'x' }, caller)).rejects.toMatchObject({ code: 'not-found' });
  });

  it("changes an LM Studio-only machine's URL and token in place, and clears the token", async () => {
    const agent = await startFleetAgent('127.0.0.7', 'token-edit-0123456789abcdef', []);
    cleanups.push(() => agent.stop());
    const { settings, h, config } = setup(aesCodec());
    await h['fleet.add']({ name: 'studio', url: agent.emu.url, kind: 'lmstudio-only' }, caller);
    await h['fleet.update']({ name: 'studio', token: 'sk-studio-123' }, caller);
    const kept = settings.get().machines.find((m) => m.name === 'studio')!;
    expect(kept.tokenEncrypted).toEqual(expect.any(String));
    expect(config()).not.toContain('sk-studio-123');
    // A URL where nothing answers changes nothing.
    await expect(h['fleet.update']({ name: 'studio', url: 'http://127.0.0.1:9' }, caller)).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(settings.get().machines.find((m) => m.name === 'studio')).toEqual(kept);
    await h['fleet.update']({ name: 'studio', url: `${agent.emu.url}/`, token: null }, caller);
    expect(settings.get().machines.find((m) => m.name === 'studio')).toEqual({
      name: 'studio',
      url: agent.emu.url,
      kind: 'lmstudio-only',
    });
  });
});
