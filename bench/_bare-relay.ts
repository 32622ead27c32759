/**
 * The floor for the endpoint bench: the least an HTTP relay can cost. A bare node:http server that forwards
 * each request to the upstream over keep-alive connections (Nagle off) and pipes the answer back — no routing,
 * no checks, no metering — in its own process, as `loadout serve` runs in its own. Loadout's own share of the
 * added latency is what it adds beyond this.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);

export interface BareRelay {
  url: string;
  close(): Promise<void>;
}

/** Start the bare relay to `target` (http://host:port) as its own process; resolves with its URL. */
export async function startBareRelay(target: string): Promise<BareRelay> {
  const child = spawn(process.execPath, ['--import', 'tsx', SELF, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /relaying on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the bare relay exited ${String(code)}: ${out}`)));
  });
  return {
    url,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function serve(target: string): void {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, noDelay: true });
  const server = http.createServer((req, res) => {
    const forward = http.request(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`relaying on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
}

if (process.argv[1] === SELF && process.argv[2]) serve(process.argv[2]);
