/**
 * For `npm run bench -- ui`: serves the built renderer and a minimal app API WebSocket that answers
 * every method with `unavailable` (the windows show that calmly) and pushes `hardware.sample` events
 * as fast as the bench asks, so the monitor can live through hours of samples in seconds.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HardwareSample } from '../shared/hardware/sample';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface FakeCore {
  url: string;
  /** Push one sample to every connected page. */
  pushSample(sample: HardwareSample): void;
  clients(): number;
  close(): Promise<void>;
}

/** Start the static server + WebSocket on 127.0.0.1:0. */
export async function startFakeCore(rendererDir: string): Promise<FakeCore> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(rendererDir, pathname === '/' ? 'index.html' : pathname);
    if (!file.startsWith(rendererDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  const wss = new WebSocketServer({ server, path: '/api/ws' });
  const sockets = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let frame: { id?: unknown; method?: unknown };
      try {
        frame = JSON.parse(String(data)) as typeof frame;
      } catch {
        return;
      }
      ws.send(
        JSON.stringify({
          id: frame.id ?? null,
          error: { code: 'unavailable', message: `${String(frame.method)} is not served by the bench.` },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    pushSample(sample) {
      const text = JSON.stringify({ event: 'hardware.sample', payload: sample });
      for (const s of sockets) s.send(text);
    },
    clients: () => sockets.size,
    async close() {
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A plausible sample at `seconds` (a slow load wave over 16 cores), like an RTX 3090 under a chat load. */
export function syntheticSample(seconds: number): HardwareSample {
  const wave = (Math.sin(seconds / 30) + 1) / 2;
  return {
    timestamp: new Date(seconds * 1000).toISOString(),
    cpu: { loadPercent: 10 + 30 * wave, perCore: Array.from({ length: 16 }, (_, i) => (10 + 30 * wave + i * 3) % 100) },
    memory: {
      totalBytes: 96 * 1024 ** 3,
      usedBytes: (30 + 5 * wave) * 1024 ** 3,
      availableBytes: (66 - 5 * wave) * 1024 ** 3,
    },
    gpus: [
      {
        index: 0,
        name: 'NVIDIA GeForce RTX 3090',
        uuid: 'GPU-bench',
        utilizationPercent: 95 * wave,
        memoryUtilizationPercent: 40 * wave,
        memoryUsedBytes: (14 + 4 * wave) * 1024 ** 3,
        memoryTotalBytes: 24 * 1024 ** 3,
        temperatureC: 45 + 25 * wave,
        powerW: 35 + 310 * wave,
        powerLimitW: 350,
        energyCounterMJ: null,
        clockSmMHz: 210 + 1600 * wave,
        clockMemMHz: 405 + 9000 * wave,
        fanPercent: 30 + 40 * wave,
        pstate: wave > 0.2 ? 'P2' : 'P8',
        sampledAt: new Date(seconds * 1000).toISOString(),
      },
    ],
    gpuSource: 'nvidia-smi',
    gpuUnavailableReason: null,
    gpuProcesses: [{ pid: 4242, name: 'LM Studio', gpuUuid: 'GPU-bench', usedMemoryBytes: 13 * 1024 ** 3 }],
    gpuProcessesUnavailableReason: null,
  };
}
