/**
 * remoteAccess.* over the tray app's real remote access (off, so nothing listens): the token only over
 * IPC (refused over the WebSocket), made once and kept encrypted; a new token differs and is announced;
 * no keychain → refused with the reason; `loadout serve` (no remote access) answers unavailable clearly;
 * the agent's status changes reach the windows as remoteAccess.changed.
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ApiServices } from '../../../../electron/core/api/handlers/api-services';
import { createApiHandlers } from '../../../../electron/core/api/handlers/create-api-handlers';
import type { RemoteAccessPort } from '../../../../electron/core/api/handlers/remote-access-handlers';
import {
  startRemoteAccess,
  type RemoteAccessCore,
  type RemoteAccessStatus,
  type TokenCodec,
} from '../../../../electron/core/fleet/remote-access';
import { createContractDispatch, createEventHub, type ContractEvent } from '../../../../shared/contract';
import type { RemoteAccessStatusInfo } from '../../../../shared/contract/remote-access';
import { defaultSettings, type Settings } from '../../../../shared/settings/schema';

const ipc = { transport: 'ipc' as const, callerId: 'settings-window' };
const ws = { transport: 'ws' as const, callerId: 'agent-1' };

/** A reversible stand-in for the OS keychain (what matters here is that the stored form is not the token). */
const keychain: TokenCodec = {
  isAvailable: () => true,
  storage: () => 'encrypted',
  encrypt: (plain) => `enc:${Buffer.from(plain).toString('base64')}`,
  decrypt: (encoded) => Buffer.from(encoded.slice(4), 'base64').toString('utf8'),
};

/** The status while remote access is off and a token was made: what both windows and the agent see. */
const OFF_WITH_TOKEN: RemoteAccessStatusInfo = {
  state: 'off',
  addresses: [],
  fingerprint: null,
  message: null,
  problem: null,
  machineName: os.hostname(),
  hasToken: true,
};

function setup(options: { secrets?: TokenCodec; remote?: 'real' | 'none' | RemoteAccessPort } = {}) {
  let settings: Settings = defaultSettings();
  const store = {
    get: () => settings,
    update(change: (s: Settings) => Settings) {
      settings = change(settings);
      return settings;
    },
  };
  const events = createEventHub();
  const seen: ContractEvent[] = [];
  events.subscribe((e) => seen.push(e));
  const mode = options.remote ?? 'real';
  const remoteAccess =
    mode === 'none'
      ? undefined
      : mode === 'real'
        ? startRemoteAccess({ settings: store } as unknown as RemoteAccessCore, {
            dispatch: async () => ({ ok: true, result: null }),
            metrics: () => '',
            events,
            secrets: 'secrets' in options ? options.secrets : keychain,
            log: () => {},
          })
        : mode;
  const services = {
    host: 'electron',
    version: 'test',
    locale: 'en-US',
    settings: store,
    remoteAccess,
  } as unknown as ApiServices;
  const api = createApiHandlers(services, events);
  const dispatch = createContractDispatch(api.handlers);
  return { dispatch, seen, store, api, remoteAccess };
}

describe('remoteAccess.* handlers', () => {
  it('answers the token over IPC only, refusing a WebSocket caller without making one', async () => {
    const { dispatch, store } = setup();
    const overWs = await dispatch('remoteAccess.token', {}, ws);
    expect(overWs).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(overWs.ok ? '' : overWs.error.message).toMatch(/only to the Loadout app's own settings window/);
    expect(store.get().remoteAccess.tokenEncrypted).toBeNull();

    const overIpc = await dispatch('remoteAccess.token', {}, ipc);
    expect(overIpc.ok).toBe(true);
    const token = (overIpc as { result: { token: string } }).result.token;
    expect(token.length).toBeGreaterThanOrEqual(32);
    // Kept encrypted, and the same token at the next ask.
    expect(store.get().remoteAccess.tokenEncrypted).not.toContain(token);
    expect(await dispatch('remoteAccess.token', {}, ipc)).toEqual({ ok: true, result: { token } });
    expect(await dispatch('remoteAccess.status', {}, ws)).toEqual({
      ok: true,
      result: OFF_WITH_TOKEN,
    });
  });

  it('replaces the token on newToken and tells every window', async () => {
    const { dispatch, seen, remoteAccess } = setup();
    const first = (await dispatch('remoteAccess.token', {}, ipc)) as { result: { token: string } };
    await (remoteAccess as unknown as { settled(): Promise<void> }).settled(); // the start-up status is told first
    const before = seen.length;
    const renewed = await dispatch('remoteAccess.newToken', {}, ipc);
    expect(renewed).toMatchObject({ ok: true, result: { state: 'off', hasToken: true } });
    const second = (await dispatch('remoteAccess.token', {}, ipc)) as { result: { token: string } };
    expect(second.result.token).not.toBe(first.result.token);
    // Once: the agent's own announcement, not a second copy from the handler.
    const told = seen.slice(before).filter((e) => e.event === 'remoteAccess.changed');
    expect(told).toHaveLength(1);
    expect(told[0]).toEqual({
      event: 'remoteAccess.changed',
      payload: OFF_WITH_TOKEN,
    });
  });

  it('refuses with the reason when there is no keychain to keep the token', async () => {
    const { dispatch } = setup({ secrets: undefined });
    const answer = await dispatch('remoteAccess.token', {}, ipc);
    expect(answer).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/no OS keychain/);
    // The reason as data too, so a pt-BR window words it instead of showing the English message.
    expect(answer).toMatchObject({ ok: false, error: { problem: { kind: 'no-keychain' } } });
    expect(await dispatch('remoteAccess.newToken', {}, ipc)).toMatchObject({
      ok: false,
      error: { code: 'refused', problem: { kind: 'no-keychain' } },
    });
  });

  it('says a Linux desktop without a keyring apart from a system without a keychain', async () => {
    const { dispatch } = setup({
      secrets: { ...keychain, isAvailable: () => false, storage: () => 'plain-text-only' },
    });
    expect(await dispatch('remoteAccess.token', {}, ipc)).toMatchObject({
      ok: false,
      error: { code: 'refused', problem: { kind: 'no-keyring' } },
    });
  });

  it('answers unavailable in a process without remote access (loadout serve)', async () => {
    const { dispatch } = setup({ remote: 'none' });
    const status = await dispatch('remoteAccess.status', {}, ws);
    expect(status).toMatchObject({ ok: true, result: { state: 'unavailable', addresses: [], hasToken: false } });
    expect((status as { result: { message: string } }).result.message).toMatch(/loadout serve.*--host 0\.0\.0\.0/);
    expect(status).toMatchObject({ result: { problem: { kind: 'serve-process' } } });
    expect(await dispatch('remoteAccess.token', {}, ipc)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await dispatch('remoteAccess.newToken', {}, ipc)).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });

  it("forwards the agent's status changes as remoteAccess.changed until disposed", async () => {
    const listeners = new Set<(s: RemoteAccessStatus) => void>();
    const port: RemoteAccessPort = {
      status: () => ({ state: 'off', urls: [], fingerprint256: null, message: null, problem: null }),
      token: () => 'unused',
      newToken: async () => 'unused',
      onStatus(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const { seen, api } = setup({ remote: port });
    const problem = { kind: 'port-in-use' as const, host: '0.0.0.0', port: 7777 };
    const failed = {
      state: 'failed' as const,
      urls: [],
      fingerprint256: null,
      message: 'port 7777 is already in use',
      problem,
    };
    for (const l of listeners) l(failed);
    expect(seen).toContainEqual({
      event: 'remoteAccess.changed',
      payload: {
        state: 'failed',
        addresses: [],
        fingerprint: null,
        message: 'port 7777 is already in use',
        problem,
        machineName: os.hostname(),
        hasToken: false,
      },
    });
    api.dispose();
    expect(listeners.size).toBe(0);
  });
});
