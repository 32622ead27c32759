/**
 * The tray app's remote access through the core: off → nothing listens; on → the shared agent server
 * (HTTPS with the stored certificate; the off-loopback path is taken on 127.0.0.1) that a real
 * `connectToAgent` with the token and the pinned fingerprint reaches; wrong and replaced tokens refused;
 * /metrics behind the token; a port in use said clearly; no keychain → refused with the reason.
 */
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContractDispatch, createEventHub } from '../../../shared/contract';
import { createAppCore } from '../../../electron/core/app-core';
import { createAppApi } from '../../../electron/core/api/create-app-api';
import type { SecretCodec } from '../../../electron/core/api/secret-codec';
import { aesCodec } from '../../support/aes-codec';
import { connectToAgent } from '../../../electron/core/fleet/agent-connection';
import { collectMetrics } from '../../../electron/core/metrics/collect-metrics';
import { startRemoteAccess, type RemoteAccess } from '../../../electron/core/fleet/remote-access';
import { createLmStudioEmulator } from '../../emulator';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function setup(options: { enabled: boolean; secrets?: SecretCodec | undefined; port?: number }) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-remote-access-'));
  cleanups.push(() => fs.rmSync(home, { recursive: true, force: true }));
  const emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
  cleanups.push(() => emu.close());
  const env = { PATH: process.env.PATH ?? '', LOADOUT_HOME: home, LOADOUT_LMSTUDIO_URL: emu.url, LOADOUT_NVML: 'off' };
  env['LOADOUT_NVIDIA_SMI' as keyof typeof env] = path.join(home, 'no-nvidia-smi');
  const core = createAppCore({ dataDir: home, env, onMessage: () => {} });
  cleanups.push(() => core.dispose());
  const port = options.port ?? (await freePort());
  core.settings.update((s) => ({
    ...s,
    remoteAccess: { ...s.remoteAccess, enabled: options.enabled, host: '127.0.0.1', port },
  }));
  const events = createEventHub();
  const api = createAppApi(core, { host: 'electron', events, env });
  cleanups.push(() => api.dispose());
  const logs: string[] = [];
  const secrets = 'secrets' in options ? options.secrets : aesCodec();
  const remote = startRemoteAccess(core, {
    dispatch: createContractDispatch(api.handlers),
    metrics: () => collectMetrics(core),
    events,
    secrets,
    log: (line) => logs.push(line),
    agentOptions: { isLoopback: () => false },
  });
  cleanups.push(() => remote.close());
  await remote.settled();
  return { core, remote, port, logs, home };
}

function agentTarget(remote: RemoteAccess) {
  const status = remote.status();
  return {
    name: 'desk',
    url: status.urls[0]!,
    fingerprint: status.fingerprint256!.replaceAll(':', '').toLowerCase(),
  };
}

function getMetrics(url: string, token: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    https
      .get(`${url}/metrics`, { headers, rejectUnauthorized: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

describe('remote access in the tray app', () => {
  it('listens on nothing while off', async () => {
    const { remote, port } = await setup({ enabled: false });
    expect(remote.status().state).toBe('off');
    expect(await listening(port)).toBe(false);
  });

  it('serves the app API over HTTPS to a pinned connection with the token, and refuses a wrong one', async () => {
    const { remote, core } = await setup({ enabled: true });
    const status = remote.status();
    expect(status.state).toBe('listening');
    expect(status.urls[0]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The token is kept only encrypted in config.json.
    const token = remote.token();
    expect(core.settings.get().remoteAccess.tokenEncrypted).not.toBeNull();
    expect(fs.readFileSync(core.settings.path, 'utf8')).not.toContain(token);
    const agent = await connectToAgent(agentTarget(remote), token);
    const models = await agent.client.call('models.list', undefined);
    await agent.close();
    expect(models.ok && models.result.loaded.map((m) => m.modelKey)).toEqual(['qwen2.5-7b-instruct']);
    await expect(connectToAgent(agentTarget(remote), 'not-the-token-0123456789')).rejects.toMatchObject({
      kind: 'refused',
    });
  });

  it('serves /metrics only with the token', async () => {
    const { remote } = await setup({ enabled: true });
    const url = remote.status().urls[0]!;
    expect((await getMetrics(url, null)).status).toBe(401);
    const ok = await getMetrics(url, remote.token());
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('# TYPE');
  });

  it('refuses the old token after a new one, and drops its connection', async () => {
    const { remote } = await setup({ enabled: true });
    const old = remote.token();
    const agent = await connectToAgent(agentTarget(remote), old);
    const fresh = await remote.newToken();
    expect(fresh).not.toBe(old);
    expect(remote.token()).toBe(fresh);
    await agent.closed;
    expect((await agent.client.call('models.list', undefined)).ok).toBe(false);
    await expect(connectToAgent(agentTarget(remote), old)).rejects.toMatchObject({ kind: 'refused' });
    const again = await connectToAgent(agentTarget(remote), fresh);
    await again.close();
  });

  it('stops listening when switched off', async () => {
    const { remote, core, port } = await setup({ enabled: true });
    expect(await listening(port)).toBe(true);
    core.settings.update((s) => ({ ...s, remoteAccess: { ...s.remoteAccess, enabled: false } }));
    remote.apply();
    await remote.settled();
    expect(remote.status().state).toBe('off');
    expect(await listening(port)).toBe(false);
  });

  it('says so when the port is in use', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const port = (taken.address() as net.AddressInfo).port;
    const { remote, logs } = await setup({ enabled: true, port });
    expect(remote.status()).toMatchObject({ state: 'failed' });
    expect(remote.status().message).toContain(`port ${port} on 127.0.0.1 is already in use`);
    expect(remote.status().problem).toEqual({ kind: 'port-in-use', host: '127.0.0.1', port });
    expect(logs.join('\n')).toContain('already in use');
  });

  it('refuses with the reason when no keychain can keep the token', async () => {
    const { remote, core } = await setup({ enabled: true, secrets: undefined });
    expect(remote.status().state).toBe('failed');
    expect(remote.status().message).toContain('no OS keychain');
    expect(remote.status().problem).toEqual({ kind: 'no-keychain' });
    expect(core.settings.get().remoteAccess.tokenEncrypted).toBeNull();
  });
});
