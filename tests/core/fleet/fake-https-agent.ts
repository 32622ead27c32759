/**
 * A small https agent for the faults a real `loadout serve` cannot show on demand: another certificate
 * at the same address, an older contract (no `contract` in app.info), a clock ten minutes off. It
 * presents the certificate serve makes and answers the methods the fleet watch polls.
 */
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { APP_CONTRACT_VERSION, ServiceNameSchema, WS_API_PATH } from '../../../shared/contract';
import { normalizeFingerprint } from '../../../electron/core/fleet/certificate-pin';
import { loadOrCreateServeCertificate } from '../../../electron/core/http/serve-certificate';

export interface FakeHttpsAgent {
  url: string;
  fingerprint: string;
  close(): Promise<void>;
}

export async function startFakeHttpsAgent(options: {
  token: string;
  contract?: number | null;
  clockOffsetMs?: number;
}): Promise<FakeHttpsAgent> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-fake-https-agent-'));
  const cert = await loadOrCreateServeCertificate({ dataDir: dir, hostNames: ['localhost'] });
  const server = https.createServer({ key: cert.key, cert: cert.cert });
  const wss = new WebSocketServer({ noServer: true });
  const contract = options.contract === undefined ? APP_CONTRACT_VERSION : options.contract;
  const answers: Record<string, () => unknown> = {
    'app.info': () => ({
      name: 'Loadout',
      version: contract ? '9.9.9' : '0.4.0',
      host: 'serve',
      platform: 'linux',
      arch: 'x64',
      locale: 'en',
      services: Object.fromEntries(ServiceNameSchema.options.map((k) => [k, true])),
      ...(contract ? { contract } : {}),
      time: Date.now() + (options.clockOffsetMs ?? 0),
    }),
    'hardware.latest': () => null,
    'models.list': () => ({ reachable: true, apiLevel: 'v1', message: null, catalog: [], loaded: [] }),
    'presets.list': () => ({ presets: [], activePresetId: null, pinned: [], applyingPresetId: null }),
  };
  server.on('upgrade', (req, socket, head) => {
    if (req.headers.authorization !== `Bearer ${options.token}` || req.url !== WS_API_PATH) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) =>
      ws.on('message', (data) => {
        const { id, method } = JSON.parse(data.toString()) as { id: number; method: string };
        const answer = answers[method];
        ws.send(
          JSON.stringify(
            answer ? { id, result: answer() } : { id, error: { code: 'unavailable', message: `${method}: not here` } },
          ),
        );
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    fingerprint: normalizeFingerprint(cert.fingerprint256)!,
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
