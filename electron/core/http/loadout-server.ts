/**
 * The HTTP server of `loadout serve`: the built renderer and the app API WebSocket at /api/ws,
 * loopback by default, token-protected off loopback, Host and Origin checked on every request.
 */
import fs from 'node:fs';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import { WS_API_PATH, type ContractDispatch, type ContractEventHub } from '../../../shared/contract';
import { isAllowedHostHeader, isAllowedOrigin, isLoopbackHost } from './host-check';
import { createLimitedHttpServer, createLimitedHttpsServer, DEFAULT_HTTP_LIMITS, type HttpLimits } from './http-limits';
import { createHttpsOnlyListener } from './https-only-listener';
import { securityHeaders } from './security-headers';
import { lookupStaticFile, noBuildPage } from './static-files';
import { bearerToken, presentedToken, tokenCookieHeader, tokensEqual } from './token-auth';
import { createWsApi } from './ws-api';

/** Where the MCP endpoint (Streamable HTTP) is served when it is on. */
export const MCP_HTTP_PATH = '/mcp';

/** Where the Prometheus metrics are served when they are on. */
export const METRICS_PATH = '/metrics';

/** The Prometheus text exposition format's content type (version 0.0.4). */
const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export interface LoadoutServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Required off loopback; optional on loopback (then every request needs it too). */
  token?: string | null;
  /** The built renderer; null serves the API only (the tray app's server for the CLI). */
  rendererDir: string | null;
  /** This run's token for local clients (the CLI, through the announce file): a Bearer header from loopback only. */
  attachToken?: string | null;
  dispatch: ContractDispatch;
  events: ContractEventHub;
  /** The OpenAI-compatible endpoint (`/v1/*`), behind the same Host/Origin/token gate; absent = off. */
  openAi?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;
  /** The MCP endpoint (Streamable HTTP at MCP_HTTP_PATH), behind the same gate; absent = off. */
  mcp?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Answer HTTPS with this key and certificate (PEM); plain HTTP is then refused with a message. Absent = plain HTTP. */
  tls?: { key: string; cert: string } | null;
  /** The Prometheus text for `GET /metrics`, behind the same gate (token as a Bearer header); absent = not served. */
  metrics?: () => Promise<string> | string;
  /** Told how many WebSocket clients are connected, after each connect and close. */
  onClientCount?: (count: number) => void;
  /** Whether a peer is this machine, for plain HTTP beside HTTPS (default host-check's); tests refuse their own loopback. */
  isLoopbackPeer?: (address: string) => boolean;
  /** How long a request may take to arrive (default DEFAULT_HTTP_LIMITS; tests pass short ones). */
  limits?: HttpLimits;
}

export interface LoadoutServer {
  /** The base URL (with the bound port). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Thrown (before listening) when asked to listen off loopback without a token. */
export class InsecureBindError extends Error {
  constructor(host: string) {
    super(
      `Refusing to listen on ${host} without a token: anyone on the network could control Loadout. Pass --token T (or let \`loadout serve\` generate one), or use --host 127.0.0.1.`,
    );
    this.name = 'InsecureBindError';
  }
}

/** Start the server; resolves once it listens. */
export async function startLoadoutServer(options: LoadoutServerOptions): Promise<LoadoutServer> {
  const token = options.token || null;
  if (!isLoopbackHost(options.host) && !token) throw new InsecureBindError(options.host);
  const ws = createWsApi(options.dispatch, options.events, undefined, options.onClientCount);
  let port = options.port;
  // Under TLS, loopback peers may still speak plain HTTP (see https-only-listener), so the scheme is per request.
  const schemeOf = (req: IncomingMessage): 'http' | 'https' =>
    (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;

  const reject = (res: ServerResponse, status: number, message: string, json = false) => {
    // OpenAI clients read `error.message` from a JSON body; the browser UI reads plain text.
    const type = status === 401 ? 'invalid_api_key' : status === 403 ? 'forbidden' : 'not_found';
    const body = json ? JSON.stringify({ error: { message, type, code: type } }) : message;
    res.writeHead(status, {
      ...securityHeaders(),
      'Content-Type': json ? 'application/json' : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  const gate = (req: IncomingMessage): { status: number; message: string } | { url: URL; via: string } => {
    if (!isAllowedHostHeader(req.headers.host, { boundHost: options.host, port, scheme: schemeOf(req) })) {
      return { status: 403, message: 'Forbidden: this Host is not Loadout. Open the address `loadout serve` printed.' };
    }
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, schemeOf(req))) {
      return { status: 403, message: 'Forbidden: requests from other sites are not accepted.' };
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const attach = attachTokenCheck(req, url);
    if (attach === 'accepted') return { url, via: 'bearer' };
    if (attach === 'wrong')
      return {
        status: 401,
        message:
          'This Loadout did not accept the token: it changes with every run. Run the command again (it reads the new one), or use --standalone.',
      };
    if (!token) return { url, via: 'open' };
    // `?token=` is for the browser UI's first visit only: an API client's URL ends up in logs and proxies.
    if (isApiPath(url.pathname)) {
      const via = presentedToken(req, url, token, { allowQuery: false });
      if (via === 'none')
        return {
          status: 401,
          message:
            "Loadout's endpoint needs its token in the Authorization header (Bearer, as the API key); a ?token= in the URL is not accepted here.",
        };
      return { url, via };
    }
    const via = presentedToken(req, url, token);
    if (via === 'none')
      return {
        status: 401,
        message: 'Loadout needs its access token: open the full address `loadout serve` printed (it ends in ?token=…).',
      };
    return { url, via };
  };

  // A Bearer on the WebSocket comes from a local client (a browser cannot send one): a wrong one is refused even when the server is open.
  const attachTokenCheck = (req: IncomingMessage, url: URL): 'accepted' | 'wrong' | 'absent' => {
    const bearer = bearerToken(req.headers.authorization);
    if (!options.attachToken || bearer === null || url.pathname !== WS_API_PATH) return 'absent';
    if (tokensEqual(bearer, options.attachToken) && isLoopbackHost(req.socket.remoteAddress ?? '')) return 'accepted';
    return token && tokensEqual(bearer, token) ? 'absent' : 'wrong';
  };

  const handle: RequestListener = (req, res) => {
    const checked = gate(req);
    if ('status' in checked) return reject(res, checked.status, checked.message, isApiPath(pathOf(req.url)));
    const { url, via } = checked;
    if (options.openAi && url.pathname.startsWith('/v1/')) return void options.openAi(req, res, url);
    if (options.mcp && url.pathname === MCP_HTTP_PATH) return void options.mcp(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reject(res, 405, 'Only GET is served here; the API is the WebSocket at /api/ws.');
    if (options.metrics && url.pathname === METRICS_PATH)
      return void serveMetrics(options.metrics, req.method === 'HEAD', res);
    if (via === 'query' && token) {
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...securityHeaders(),
        'Set-Cookie': tokenCookieHeader(token, schemeOf(req) === 'https'),
        Location: sameOriginLocation(url),
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (url.pathname === WS_API_PATH)
      return reject(res, 426, 'This is the WebSocket endpoint; connect with a WebSocket client.');
    if (options.rendererDir === null) return reject(res, 404, 'Not found.');
    const found = lookupStaticFile(options.rendererDir, url.pathname);
    if (found.kind === 'no-build') {
      res.writeHead(503, {
        ...securityHeaders(),
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      return res.end(noBuildPage(options.rendererDir));
    }
    if (found.kind === 'not-found') return reject(res, 404, 'Not found.');
    const isHtml = found.contentType.startsWith('text/html');
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': found.contentType,
      'Cache-Control': isHtml ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(found.path)
      .on('error', () => res.destroy())
      .pipe(res);
  };
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  const server = createLimitedHttpServer(limits, handle);
  let httpsServer: HttpsServer | null = null;
  let listening: net.Server = server;
  if (options.tls) {
    httpsServer = createLimitedHttpsServer(limits, options.tls, handle);
    // A plain socket listens and passes TLS on, so a plain-HTTP request gets words instead of a reset.
    listening = createHttpsOnlyListener(httpsServer, {
      loopbackServer: server,
      httpsUrl: () => `https://${shownHost}:${port}/`,
      isLoopbackPeer: options.isLoopbackPeer,
    });
  }

  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const checked = gate(req);
    if ('status' in checked) return refuseUpgrade(socket, checked.status, checked.message);
    if (checked.url.pathname !== WS_API_PATH) return refuseUpgrade(socket, 404, 'Not found.');
    ws.server.handleUpgrade(req, socket, head, (client) => ws.server.emit('connection', client, req));
  };
  server.on('upgrade', upgrade);
  httpsServer?.on('upgrade', upgrade);

  await new Promise<void>((resolve, rejectListen) => {
    listening.once('error', rejectListen);
    listening.listen(options.port, options.host, () => {
      listening.off('error', rejectListen);
      resolve();
    });
  });
  const address = listening.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    close: async () => {
      await ws.close();
      const closed = new Promise<void>((resolve) => listening.close(() => resolve()));
      server.closeAllConnections();
      httpsServer?.closeAllConnections();
      await closed;
    },
  };
}

/** Answer `GET /metrics`; a failure to collect is a 500 that says why (Prometheus shows it as the scrape error). */
async function serveMetrics(
  collect: () => Promise<string> | string,
  headOnly: boolean,
  res: ServerResponse,
): Promise<void> {
  let body: string;
  try {
    body = await collect();
  } catch (error) {
    res.writeHead(500, {
      ...securityHeaders(),
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    return void res.end(
      `Loadout could not collect its metrics: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  res.writeHead(200, { ...securityHeaders(), 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
  res.end(headOnly ? undefined : body);
}

/** True for the API clients' paths (the OpenAI-compatible `/v1/...`, MCP's `/mcp`, Prometheus' `/metrics`): the token only as a Bearer header, errors as JSON. */
function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/v1/') || pathname === MCP_HTTP_PATH || pathname === METRICS_PATH;
}

/** The path part of a request target, before any query. */
function pathOf(target: string | undefined): string {
  const t = target ?? '/';
  const q = t.indexOf('?');
  return q < 0 ? t : t.slice(0, q);
}

/**
 * A redirect target on this origin: `//host/…` or `/\host/…` would be read by the browser as another
 * site (`/.//evil.example/` normalizes to `//evil.example/`), so leading slashes collapse to one.
 */
export function sameOriginLocation(url: URL): string {
  return `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const reason = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}
