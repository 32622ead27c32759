/**
 * Streamable HTTP at `/mcp` (MCP_HTTP_PATH), for `loadout serve --mcp` and the tray app (setting `mcp.http`): the
 * SDK's `createMcpHandler` (both protocol revisions: 2026-07-28 per request, 2025-11-25 through its
 * stateless fallback) behind Loadout's own HTTP server, which has already checked Host, Origin and
 * the token (electron/core/http/loadout-server.ts) before a request reaches this.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { ContractDispatch } from '../../shared/contract/dispatch';
import type { ContractEventHub } from '../../shared/contract/event-hub';
import { createLoadoutMcpServer } from './create-mcp-server';
import { inProcessContractClient } from './in-process-client';
import { watchMachineState } from './machine-state';

export interface McpHttpEndpoint {
  /** Serve one request to /mcp (already past the Host/Origin/token gate). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  close(): Promise<void>;
}

export interface McpHttpDeps {
  dispatch: ContractDispatch;
  events: ContractEventHub;
  version: string;
  log: (line: string) => void;
}

/** Build the endpoint over an app API in this process. */
export function createMcpHttpEndpoint(deps: McpHttpDeps): McpHttpEndpoint {
  // One watcher for the process: tool descriptions and list changes do not ask LM Studio per request.
  const machine = watchMachineState(inProcessContractClient(deps.dispatch, deps.events, 'mcp-state'));
  const handler = createMcpHandler(
    // Each request gets its own caller id, so an ask's progress events reach that request only.
    () =>
      createLoadoutMcpServer({
        client: inProcessContractClient(deps.dispatch, deps.events),
        machine,
        version: deps.version,
        log: deps.log,
      }),
    { onerror: (error) => deps.log(`/mcp: ${error.message}`) },
  );
  // 2026-07-28 clients listen with subscriptions/listen; the 2025 stateless fallback has no stream to tell.
  const offChanged = machine.onLoadedSetChanged(() => handler.notify.toolsChanged());
  return {
    async handle(req, res) {
      const aborted = new AbortController();
      res.on('close', () => aborted.abort());
      const request = toWebRequest(req, aborted.signal);
      let response: Response;
      try {
        response = await handler.fetch(request);
      } catch (error) {
        deps.log(`/mcp failed: ${error instanceof Error ? error.message : String(error)}`);
        response = new Response('Loadout could not serve this MCP request; see its log.', { status: 500 });
      }
      await writeWebResponse(response, res);
    },
    async close() {
      offChanged();
      machine.close();
      await handler.close();
    },
  };
}

/** The Node request as a fetch Request (the body streamed, not buffered). */
function toWebRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const url = `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`;
  return new Request(url, {
    method,
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

/** Write a fetch Response (JSON, or an SSE stream) to the Node response. */
async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store', ...headers });
  if (!response.body) return void res.end();
  await new Promise<void>((resolve) => {
    const body = Readable.fromWeb(response.body as unknown as NodeReadableStream<Uint8Array>);
    body.on('error', () => res.destroy());
    res.on('close', () => {
      body.destroy();
      resolve();
    });
    body.pipe(res);
  });
}
