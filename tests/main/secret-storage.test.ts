/**
 * Secrets on a Linux desktop without a keyring: Electron's safeStorage then says encryption is
 * available but keeps secrets under a hard-coded key (`basic_text`). Loadout refuses to store them,
 * says why and names the environment variable to use instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContractDispatch, createEventHub } from '../../shared/contract';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createAppApi, type AppApi } from '../../electron/core/api/create-app-api';
import { safeStorageCodec, safeStorageKind } from '../../electron/main/safe-storage-codec';
import { fakeSafeStorage } from '../support/electron-fakes';

let home: string;
let core: AppCore | null = null;
let api: AppApi | null = null;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-secrets-'));
});
afterEach(async () => {
  api?.dispose();
  await core?.dispose();
  core = null;
  api = null;
  fs.rmSync(home, { recursive: true, force: true });
});

/** The app API over a real core whose safeStorage reports `backend` on `platform`. */
function start(backend: typeof fakeSafeStorage.backend, platform: NodeJS.Platform) {
  const safeStorage = { ...fakeSafeStorage, backend };
  core = createAppCore({
    dataDir: home,
    env: { LOADOUT_HOME: home, LOADOUT_NVML: 'off', LOADOUT_NVIDIA_SMI: path.join(home, 'missing-nvidia-smi') },
  });
  core.settings.update((s) => ({
    ...s,
    machines: [{ name: 'ws', url: 'http://192.168.1.20:1234', kind: 'lmstudio-only', tokenEncrypted: null }],
  }));
  api = createAppApi(core, {
    host: 'electron',
    events: createEventHub(),
    secrets: safeStorageCodec(safeStorage, platform),
  });
  const dispatch = createContractDispatch(api.handlers);
  const call = (method: string, params?: unknown) => dispatch(method, params, { transport: 'ipc', callerId: 'test' });
  return { call, core };
}

/** fakeSafeStorage with other answers. */
function storage(overrides: Partial<typeof fakeSafeStorage>) {
  return { ...fakeSafeStorage, ...overrides };
}

describe('secret storage', () => {
  it('counts basic_text on Linux as plain text, not as encryption', () => {
    expect(safeStorageKind(storage({ backend: 'basic_text' }), 'linux')).toBe('plain-text-only');
    expect(safeStorageKind(storage({ backend: 'gnome_libsecret' }), 'linux')).toBe('encrypted');
    expect(safeStorageKind(storage({ backend: 'kwallet6' }), 'linux')).toBe('encrypted');
    // The backend is a Linux notion; elsewhere only isEncryptionAvailable() counts.
    expect(safeStorageKind(storage({ backend: 'basic_text' }), 'win32')).toBe('encrypted');
    expect(safeStorageKind(storage({ available: false }), 'linux')).toBe('none');
    expect(safeStorageCodec(storage({ backend: 'basic_text' }), 'linux').isAvailable()).toBe(false);
  });

  it('refuses the LM Studio token, the cloud key and a machine token under basic_text, naming each variable, and stores nothing', async () => {
    const { call, core } = start('basic_text', 'linux');
    expect(await call('settings.setLmStudioToken', { token: 'sk-lm-1' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringMatching(/no keyring.*plain text.*LM_API_TOKEN/) },
    });
    expect(await call('settings.setRoutingSecret', { target: { kind: 'cloud' }, secret: 'sk-cloud' })).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('LOADOUT_CLOUD_API_KEY') },
    });
    expect(
      await call('settings.setRoutingSecret', { target: { kind: 'endpoint', name: 'ws' }, secret: 'tok' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'refused', message: expect.stringContaining('LOADOUT_MACHINE_TOKEN_WS') },
    });
    const saved = core.settings.get();
    expect(saved.lmstudio.tokenEncrypted).toBeNull();
    expect(saved.routing.cloud.apiKeyEncrypted).toBeNull();
    expect(saved.machines[0]!.tokenEncrypted).toBeNull();
    expect(fs.readFileSync(path.join(home, 'config.json'), 'utf8')).not.toMatch(/sk-lm-1|sk-cloud/);
    // Clearing is still allowed, and the windows learn why they cannot store secrets.
    expect(await call('settings.setLmStudioToken', { token: null })).toEqual({ ok: true, result: { hasToken: false } });
    expect(await call('app.info')).toMatchObject({
      ok: true,
      result: { secretStorage: 'plain-text-only', services: { secrets: false } },
    });
  });

  it('stores the token encrypted when a keyring is there', async () => {
    const { call, core } = start('gnome_libsecret', 'linux');
    expect(await call('settings.setLmStudioToken', { token: 'sk-lm-1' })).toEqual({
      ok: true,
      result: { hasToken: true },
    });
    expect(core.settings.get().lmstudio.tokenEncrypted).not.toContain('sk-lm-1');
    expect(await call('app.info')).toMatchObject({
      ok: true,
      result: { secretStorage: 'encrypted', services: { secrets: true } },
    });
  });
});
