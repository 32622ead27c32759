/**
 * The OpenAI-compatible endpoint on its own port, for the tray app (settings.server.openAiEndpoint,
 * default off, port settings.server.port): the same Host/Origin checks as `loadout serve`, and a token
 * required off loopback. `loadout serve --openai` mounts the same handler on its own server instead.
 */
import type http from 'node:http';
import { isAllowedHostHeader, isAllowedOrigin, isLoopbackHost } from '../http/host-check';
import { createLimitedHttpServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from '../http/http-limits';
import { bearerToken, tokensEqual } from '../http/token-auth';
import type { OpenAiEndpoint } from './openai-endpoint';

export interface OpenAiEndpointServerOptions {
  /** The core whose one router answers (its handler is built on first use and stays with the core). */
  core: { readonly openAiEndpoint: OpenAiEndpoint };
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** Required off loopback (clients send it as their API key); optional on loopback. */
  token?: string | null;
  /** How long a request may take to arrive (default DEFAULT_HTTP_LIMITS; tests pass short ones). */
  limits?: HttpLimits;
}

export interface OpenAiEndpointServer {
  /** e.g. http://127.0.0.1:1235/v1 — what to give an OpenAI client as its base URL. */
  baseUrl: string;
  port: number;
  problems: string[];
  close(): Promise<void>;
}

function refuse(res: http.ServerResponse, status: number, message: string, type: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: { message, type, code: type } }));
}

/** Start the endpoint server; rejects before listening when asked to listen off loopback without a token. */
export async function startOpenAiEndpointServer(options: OpenAiEndpointServerOptions): Promise<OpenAiEndpointServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token || null;
  if (!isLoopbackHost(host) && !token) {
    throw new Error(
      `Refusing to serve the OpenAI-compatible endpoint on ${host} without a token: anyone on the network could use your models. Set a token, or keep it on 127.0.0.1.`,
    );
  }
  const endpoint = options.core.openAiEndpoint;
  let port = options.port;
  const server = createLimitedHttpServer(options.limits ?? DEFAULT_HTTP_LIMITS, (req, res) => {
    if (!isAllowedHostHeader(req.headers.host, { boundHost: host, port }))
      return refuse(res, 403, "This Host is not Loadout's endpoint.", 'forbidden');
    if (!isAllowedOrigin(req.headers.origin, req.headers.host))
      return refuse(res, 403, 'Requests from other sites are not accepted.', 'forbidden');
    if (token) {
      const given = bearerToken(req.headers.authorization) ?? '';
      if (!tokensEqual(given, token))
        return refuse(res, 401, "Loadout's endpoint needs its token as the API key.", 'invalid_api_key');
    }
    const url = new URL(req.url ?? '/', 'http://endpoint');
    void endpoint.handler(req, res, url).then((handled) => {
      if (!handled) refuse(res, 404, 'Loadout serves /v1/models and /v1/chat/completions here.', 'not_found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    baseUrl: `http://${shown}:${port}/v1`,
    port,
    problems: endpoint.problems,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
