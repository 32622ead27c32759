/**
 * The official MCP SDK client, as an agent uses it, against a real `loadout mcp` (stdio, spawned from
 * source with tsx) or a real `loadout serve --mcp` (Streamable HTTP). `revision` picks the protocol:
 * 2025-11-25 (the `initialize` handshake Claude Code and Claude Desktop speak) or the stateless 2026-07-28.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export const ROOT = path.resolve(__dirname, '../..');
export const REVISIONS = ['2025-11-25', '2026-07-28'] as const;
export type Revision = (typeof REVISIONS)[number];

/** A client that speaks `revision` (2026-07-28 pinned: no fallback to `initialize`). */
export function mcpClient(revision: Revision, name = 'loadout-test-agent'): Client {
  return new Client(
    { name, version: '1.0.0' },
    revision === '2026-07-28' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
  );
}

/** Connect to `loadout mcp …args` over stdio with `env` added to this process's; stderr is kept for the assertions. */
export async function connectStdio(
  revision: Revision,
  args: string[],
  env: Record<string, string>,
): Promise<{ client: Client; stderr: () => string; close: () => Promise<void> }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', path.join(ROOT, 'electron/cli/main.ts'), 'mcp', ...args],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = mcpClient(revision);
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result's first content block. */
export function textOf(result: { content?: unknown }): string {
  const first = (result.content as Array<{ type: string; text?: string }> | undefined)?.[0];
  return first?.type === 'text' ? (first.text ?? '') : '';
}

/** A real `loadout serve --mcp` on a free port. */
export interface McpServe {
  url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** Start `loadout serve --mcp …extra` with `env` added; resolves with its base URL once it serves. */
export async function startMcpServe(extra: string[], env: Record<string, string>): Promise<McpServe> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/main.ts',
      'serve',
      '--mcp',
      '--port',
      '0',
      '--renderer',
      path.join(ROOT, 'no-renderer'),
      ...extra,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const served = () => /serving on (https?:\/\/\S+)/.exec(stdout)?.[1];
  while (!served()) {
    if (ended) throw new Error(`serve exited: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: served()!,
    stderr: () => stderr,
    async stop() {
      if (!ended) child.kill('SIGINT');
      return exited;
    },
  };
}

/** Connect the SDK client to `url` (…/mcp) over Streamable HTTP, with extra headers (a Bearer token). */
export async function connectHttp(
  revision: Revision,
  url: string,
  headers: Record<string, string> = {},
): Promise<Client> {
  const client = mcpClient(revision);
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}
