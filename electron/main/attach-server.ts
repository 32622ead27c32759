/**
 * The tray app announces itself as `loadout serve` does (one core per machine): a loopback server for the
 * app API only (no renderer), behind a per-run token, written to `<dataDir>/running.json`. `loadout apply`,
 * `chat`, `monitor`… then work through the app's one core (its busy state, sampler and ledger writer)
 * instead of building a second one. The file goes with the app on quit.
 */
import type { ContractDispatch, ContractEventHub } from '../../shared/contract';
import { announceLoadoutServer } from '../core/attach/announce-server';
import { startLoadoutServer } from '../core/http/loadout-server';
import { generateToken } from '../core/http/token-auth';
import { createMcpHttpEndpoint } from '../mcp/mcp-http-endpoint';

export interface AttachServerOptions {
  dataDir: string;
  /** The core's version, for the announce file. */
  version: string;
  /** The same app API the windows use. */
  dispatch: ContractDispatch;
  events: ContractEventHub;
  /** Also serve MCP at /mcp (settings `mcp.http`), behind the same token: a client reads port and token from the announce file. */
  mcp?: boolean;
  /** Where a reason not to announce goes (one line). */
  log(line: string): void;
}

export interface AttachServer {
  port: number;
  /** False when another Loadout had announced first (the CLI works through that one). */
  announced: boolean;
  /** Remove the announce file, then stop serving. */
  close(): Promise<void>;
}

/** Serve the app API on 127.0.0.1 and announce it; null when the server cannot start (the CLI then runs on its own). */
export async function startAttachServer(options: AttachServerOptions): Promise<AttachServer | null> {
  const host = '127.0.0.1';
  // Required on every request, and accepted as the CLI's Bearer: only a process that can read the user's data folder gets in.
  const token = generateToken();
  const mcp = options.mcp
    ? createMcpHttpEndpoint({
        dispatch: options.dispatch,
        events: options.events,
        version: options.version,
        log: (line) => options.log(`mcp: ${line}`),
      })
    : null;
  let server: Awaited<ReturnType<typeof startLoadoutServer>>;
  try {
    server = await startLoadoutServer({
      host,
      port: 0,
      token,
      attachToken: token,
      rendererDir: null,
      dispatch: options.dispatch,
      events: options.events,
      mcp: mcp?.handle,
    });
  } catch (error) {
    await mcp?.close();
    options.log(
      `could not start the local server that \`loadout\` commands work through (${(error as NodeJS.ErrnoException).code ?? String(error)}); they will run on their own.`,
    );
    return null;
  }
  const announcement = announceLoadoutServer(
    options.dataDir,
    'app',
    host,
    server.port,
    token,
    options.version,
    options.log,
  );
  if (!announcement.announced) {
    // No client could find it: hold no port for nothing.
    await server.close();
    await mcp?.close();
    return { port: server.port, announced: false, close: async () => {} };
  }
  return {
    port: server.port,
    announced: announcement.announced,
    async close() {
      announcement.remove();
      await server.close();
      await mcp?.close();
    },
  };
}
