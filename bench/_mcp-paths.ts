/**
 * The processes and call paths `npm run bench -- mcp` compares: the LM Studio emulator and `loadout
 * serve --openai --mcp` each in their own process, `loadout mcp` over stdio as an MCP client starts it,
 * and one function per path that asks the same question for the same number of tokens.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { startServeProcess, type ServeProcess } from './_serve-process';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILT_CLI = path.join(ROOT, 'out', 'cli', 'loadout.mjs');
const SOURCE_CLI = path.join(ROOT, 'electron', 'cli', 'main.ts');

/** The loaded coder model every path answers with (the router picks it for a code task). */
export const MODEL = 'qwen2.5-coder-14b-instruct';
export const PROMPT = 'Write a TypeScript function that removes the accents from a string.';

/** How `loadout` is started: the built CLI when there is one (what `loadout mcp install` writes), else tsx over the source. */
export function loadoutArgs(args: string[]): string[] {
  return fs.existsSync(BUILT_CLI) ? [BUILT_CLI, ...args] : ['--import', 'tsx', SOURCE_CLI, ...args];
}

/** `loadout serve --openai --mcp --port 0` as its own process; resolves with its URL once it listens. */
export function startServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  return startServeProcess(env, ['--openai', '--mcp']);
}

/** An SDK client (2025-11-25, as Claude Code and Claude Desktop speak) on `loadout mcp …args` over stdio. */
export async function connectStdio(args: string[], env: NodeJS.ProcessEnv): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: loadoutArgs(['mcp', ...args]),
    cwd: ROOT,
    env: env as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'loadout-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** An SDK client on `/mcp` of a running `loadout serve --mcp`. */
export async function connectHttp(serveUrl: string): Promise<Client> {
  const client = new Client({ name: 'loadout-bench-http', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', serveUrl)));
  return client;
}

/** One streamed chat completion read to its end (what `ask` does inside), via fetch. */
export async function streamCompletion(baseUrl: string, model: string, tokens: number): Promise<void> {
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ model, stream: true, max_tokens: tokens, messages: [{ role: 'user', content: PROMPT }] }),
  });
  if (!res.ok) throw new Error(`${baseUrl} answered ${res.status}: ${await res.text()}`);
  for await (const chunk of res.body!) void chunk;
}

/** One `ask` through an MCP client; throws when it did not answer (a decline is reported, not timed). */
export async function askOnce(client: Client, tokens: number): Promise<void> {
  const result = await client.callTool({
    name: 'ask',
    arguments: { prompt: PROMPT, task: 'code', max_tokens: tokens },
  });
  const s = result.structuredContent as { answered?: boolean; reason?: string } | undefined;
  if (result.isError || !s?.answered)
    throw new Error(`ask did not answer: ${JSON.stringify(s?.reason ?? result.content)}`);
}

/** Whether the server lists the `ask` tool (it lands with the delegation service). */
export async function hasAsk(client: Client): Promise<boolean> {
  return (await client.listTools()).tools.some((t) => t.name === 'ask');
}
