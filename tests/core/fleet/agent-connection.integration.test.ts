/**
 * connectToAgent's faults against small local agents: an https agent whose certificate is pinned (the
 * self-signed certificate serve makes), the same address presenting another certificate, and an agent
 * of an older contract (its app.info has no `contract`). A refused certificate never sees the token.
 */
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { APP_CONTRACT_VERSION, ServiceNameSchema, WS_API_PATH } from '../../../shared/contract';
import { AgentError, connectToAgent } from '../../../electron/core/fleet/agent-connection';
import { normalizeFingerprint } from '../../../electron/core/fleet/certificate-pin';
import { loadOrCreateServeCertificate } from '../../../electron/core/http/serve-certificate';

const TOKEN = 'agent-token-0123456789abcdef';
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** An https agent on 127.0.0.1 answering app.info (with `contract`, or without it: an older Loadout). */
async function fakeAgent(contract: number | undefined) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fake-agent-'));
  const cert = await loadOrCreateServeCertificate({ dataDir: dir, hostNames: ['localhost'] });
  const server = https.createServer({ key: cert.key, cert: cert.cert });
  const tokensSeen: string[] = [];
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    tokensSeen.push(req.headers.authorization ?? '');
    if (req.headers.authorization !== `Bearer ${TOKEN}` || req.url !== WS_API_PATH) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.on('message', (data) => {
        const { id } = JSON.parse(data.toString()) as { id: number };
        const info = {
          name: 'Loadout',
          version: contract ? '9.9.9' : '0.4.0',
          host: 'serve',
          platform: 'linux',
          arch: 'x64',
          locale: 'en',
          services: Object.fromEntries(ServiceNameSchema.options.map((k) => [k, true])),
          ...(contract ? { contract } : {}),
        };
        ws.send(JSON.stringify({ id, result: info }));
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { url, fingerprint: normalizeFingerprint(cert.fingerprint256)!, tokensSeen };
}

describe('connectToAgent', { timeout: 60_000 }, () => {
  it('shows the fingerprint on first contact, then connects only with it pinned', async () => {
    const agent = await fakeAgent(APP_CONTRACT_VERSION);
    let seen: string | null = null;
    const first = await connectToAgent({ name: 'lab', url: agent.url }, TOKEN, {
      firstContact: true,
      onFingerprint: (f) => (seen = f),
    });
    await first.close();
    expect(seen).toBe(agent.fingerprint);
    const pinned = await connectToAgent({ name: 'lab', url: agent.url, fingerprint: agent.fingerprint }, TOKEN);
    expect(pinned.info.contract).toBe(APP_CONTRACT_VERSION);
    await pinned.close();
  });

  it('refuses a changed certificate like SSH, before the token is sent', async () => {
    const agent = await fakeAgent(APP_CONTRACT_VERSION);
    const other = 'ab'.repeat(32);
    const error = await connectToAgent({ name: 'lab', url: agent.url, fingerprint: other }, TOKEN).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AgentError);
    expect(error).toMatchObject({
      kind: 'fingerprint',
      message: expect.stringMatching(
        /certificate of "lab" has changed: pinned AB:AB:.*presented [0-9A-F:]{95}.*Nothing was sent.*loadout machines remove lab/,
      ),
    });
    expect(agent.tokensSeen).toEqual([]);
  });

  it('refuses an https agent without a pinned fingerprint, and a wrong token with its own words', async () => {
    const agent = await fakeAgent(APP_CONTRACT_VERSION);
    await expect(connectToAgent({ name: 'lab', url: agent.url }, TOKEN)).rejects.toMatchObject({ kind: 'no-pin' });
    await expect(
      connectToAgent({ name: 'lab', url: agent.url, fingerprint: agent.fingerprint }, 'wrong-token-0123456789'),
    ).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('"lab" refused the token (HTTP 401') });
  });

  it('names an agent of an older contract and what to do', async () => {
    const agent = await fakeAgent(undefined);
    await expect(
      connectToAgent({ name: 'old', url: agent.url, fingerprint: agent.fingerprint }, TOKEN),
    ).rejects.toMatchObject({
      kind: 'version',
      message: `"old" runs Loadout 0.4.0, whose app contract (1) is older than this one needs (${APP_CONTRACT_VERSION}): update Loadout on that machine.`,
    });
  });

  it('reports a machine that does not answer as offline', async () => {
    await expect(
      connectToAgent({ name: 'gone', url: 'http://127.0.0.1:9' }, TOKEN, { timeoutMs: 2000 }),
    ).rejects.toMatchObject({
      kind: 'offline',
      message: expect.stringContaining('"gone" does not answer at http://127.0.0.1:9 (ECONNREFUSED)'),
    });
  });
});
