/** Test harness: a real `loadout serve` server on 127.0.0.1:0 over a real core in a temp LOADOUT_HOME. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createContractDispatch, createEventHub, type ContractEventHub } from '../../shared/contract';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { createAppApi, type AppApi } from '../../electron/core/api/create-app-api';
import { startLoadoutServer, type LoadoutServer } from '../../electron/core/http/loadout-server';

export interface Harness {
  server: LoadoutServer;
  core: AppCore;
  events: ContractEventHub;
  home: string;
  rendererDir: string;
  close(): Promise<void>;
}

/** Start a server; `renderer: 'built'` writes a tiny renderer build to serve. */
export async function startHarness(
  options: { token?: string; renderer?: 'built' | 'missing'; env?: Record<string, string> } = {},
): Promise<Harness> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-serve-'));
  const rendererDir = path.join(home, 'renderer');
  if (options.renderer !== 'missing') {
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Loadout</title><script type="module" src="/assets/app.js"></script>',
    );
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("loadout")');
  }
  const env = {
    LOADOUT_HOME: home,
    LOADOUT_NVML: 'off',
    LOADOUT_NVIDIA_SMI: path.join(home, 'no-nvidia-smi'),
    LOADOUT_LMSTUDIO_URL: 'http://127.0.0.1:9',
    PATH: process.env.PATH ?? '',
    ...options.env,
  };
  const core: AppCore = createAppCore({ dataDir: home, env });
  const events = createEventHub();
  const api: AppApi = createAppApi(core, { host: 'serve', events, locale: 'pt-BR', env });
  const dispatch = createContractDispatch(api.handlers);
  const server = await startLoadoutServer({
    host: '127.0.0.1',
    port: 0,
    token: options.token,
    rendererDir,
    dispatch,
    events,
  });
  return {
    server,
    core,
    events,
    home,
    rendererDir,
    async close() {
      await server.close();
      api.dispose();
      await core.dispose();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET with any headers (Host included), straight to 127.0.0.1:port. */
export function rawGet(port: number, pathname: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: 'GET', headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A connected WebSocket client that collects events and answers requests by id. */
export class ApiSocket {
  readonly events: Array<{ event: string; payload: unknown }> = [];
  private readonly pending = new Map<number | string, (frame: Record<string, unknown>) => void>();
  private readonly stray: Array<Record<string, unknown>> = [];
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in frame) this.events.push(frame as { event: string; payload: unknown });
      else if (frame.id !== null && this.pending.has(frame.id as number)) {
        this.pending.get(frame.id as number)!(frame);
        this.pending.delete(frame.id as number);
      } else this.stray.push(frame);
    });
  }

  /** Connect to /api/ws; rejects with the HTTP status when the upgrade is refused. */
  static connect(port: number, options: { headers?: Record<string, string>; query?: string } = {}): Promise<ApiSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/api/ws${options.query ?? ''}`, { headers: options.headers });
      socket.once('open', () => resolve(new ApiSocket(socket)));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Send a request and wait for its answer frame. */
  call(method: string, params?: unknown): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, method, params }), id);
  }

  /** Send any text and wait for the answer with `id` (or the next id-less error when id is null). */
  sendRaw(text: string | Buffer, id: number | string | null): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      if (id === null) {
        const started = this.stray.length;
        const poll = setInterval(() => {
          if (this.stray.length > started) {
            clearInterval(poll);
            resolve(this.stray[started]!);
          }
        }, 5);
      } else this.pending.set(id, resolve);
      this.socket.send(text);
    });
  }

  /** Wait until an event with this name (and matching `accept`, when given) has arrived. */
  async waitForEvent(
    name: string,
    timeoutMs = 10_000,
    accept: (payload: unknown) => boolean = () => true,
  ): Promise<unknown> {
    const start = Date.now();
    for (;;) {
      const found = this.events.find((e) => e.event === name && accept(e.payload));
      if (found) return found.payload;
      if (Date.now() - start > timeoutMs) throw new Error(`no ${name} event within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}
