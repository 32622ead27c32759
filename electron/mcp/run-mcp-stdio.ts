/**
 * `loadout mcp`: the MCP server over stdio, the way an MCP client (Claude Code, Claude Desktop)
 * starts it. Only protocol messages go to stdout; every note goes to stderr. The SDK's `serveStdio`
 * picks the protocol revision from the client's opening message (a 2025-11-25 `initialize`, or a
 * 2026-07-28 request with its `_meta` envelope / `server/discover`) and pins it for the connection.
 */
import type { Readable, Writable } from 'node:stream';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { ContractClient } from '../../shared/contract/client';
import { createLoadoutMcpServer } from './create-mcp-server';
import { watchMachineState } from './machine-state';

export interface McpStdioOptions {
  client: ContractClient;
  version: string;
  stdin: Readable;
  stdout: Writable;
  log: (line: string) => void;
  /** Aborted on Ctrl+C / SIGTERM: the server closes. */
  signal: AbortSignal;
}

/** Serve MCP on stdin/stdout through `client` until the client closes stdin or `signal` aborts. */
export async function runMcpStdio(options: McpStdioOptions): Promise<void> {
  const machine = watchMachineState(options.client);
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const handle = serveStdio(
    () => createLoadoutMcpServer({ client: options.client, machine, version: options.version, log: options.log }),
    {
      transport,
      onerror: (error) => options.log(error.message),
    },
  );
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) return resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
    // The MCP stdio binding: the server exits when the client closes its end of the pipe.
    options.stdin.once('end', () => resolve());
    options.stdin.once('close', () => resolve());
  });
  machine.close();
  await handle.close();
}
