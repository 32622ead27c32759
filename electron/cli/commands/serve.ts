/**
 * `loadout serve`: the core headless, the built renderer and the app API over WebSocket, for a
 * browser on this machine or (with a token) another one.
 */
import { isLoopbackHost } from '../../core/http/host-check';
import { InsecureBindError, MCP_HTTP_PATH } from '../../core/http/loadout-server';
import { defaultRendererDir } from '../../core/http/static-files';
import { generateToken } from '../../core/http/token-auth';
import { TransportFlagsError } from '../../core/http/transport-policy';
import { startServe } from '../../serve/start-serve';
import { UsageError, type CliCommand } from '../command';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs, positiveInt } from '../parse-args';

const usage =
  'serve [--port 1235] [--host 127.0.0.1] [--token T] [--renderer DIR] [--openai] [--mcp] [--tls | --insecure] [--lmstudio URL]';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run Loadout headless: the web UI and the app API over WebSocket (loopback unless given a token).',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        renderer: { type: 'string' },
        openai: { type: 'boolean' },
        mcp: { type: 'boolean' },
        tls: { type: 'boolean' },
        insecure: { type: 'boolean' },
        ...LMSTUDIO_OPTION,
      },
      usage,
    );
    const port = values.port === '0' ? 0 : (positiveInt(values.port, '--port', usage) ?? 1235);
    if (port > 65535) throw new UsageError(`--port must be 1-65535, got ${port}.`, usage);
    const host = values.host ?? '127.0.0.1';
    if (values.token !== undefined && values.token.length < 16)
      throw new UsageError('--token must be at least 16 characters; omit it to get a generated one.', usage);
    const token = values.token ?? (isLoopbackHost(host) ? null : generateToken());

    const core = openCliCore(io, values.lmstudio, 'serve');
    const rendererDir = values.renderer ?? defaultRendererDir();
    let serving;
    try {
      serving = await startServe(core, {
        host,
        port,
        token,
        rendererDir,
        openAi: values.openai === true,
        mcp: values.mcp === true,
        forceTls: values.tls === true,
        insecure: values.insecure === true,
        env: io.env,
        writeErr: (text) => io.stderr.write(text),
      });
    } catch (error) {
      if (error instanceof InsecureBindError || error instanceof TransportFlagsError)
        throw new UsageError(error.message, usage);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        io.stderr.write(
          `loadout serve: port ${port} on ${host} is already in use. Stop what uses it or pick another with --port.\n`,
        );
        return 1;
      }
      throw error;
    }
    const { server } = serving;
    const open = token ? `${server.url}/?token=${encodeURIComponent(token)}` : `${server.url}/`;
    io.stdout.write(`Loadout is serving on ${server.url}\nOpen: ${open}\n`);
    // Printed for `loadout machines add` on another machine to compare and pin (trust on first use, like SSH).
    if (serving.fingerprint256) io.stdout.write(`HTTPS certificate SHA-256 fingerprint: ${serving.fingerprint256}\n`);
    if (serving.transport.reason === 'tailnet')
      io.stdout.write('Plain HTTP on a tailnet address: Tailscale encrypts the traffic. Pass --tls for HTTPS too.\n');
    if (serving.openAi)
      io.stdout.write(
        `OpenAI-compatible endpoint: ${server.url}/v1 (model "auto" is routed${token ? '; send the token as the API key' : ''})\n`,
      );
    if (serving.mcp)
      io.stdout.write(
        `MCP endpoint (Streamable HTTP): ${server.url}${MCP_HTTP_PATH}${token ? ' (send the token as a Bearer header)' : ''}\n`,
      );
    if (token && values.token === undefined)
      io.stdout.write('A token was generated for this run; keep the address private.\n');
    if (!isLoopbackHost(host))
      io.stdout.write('Other machines can reach this address; the token is required for every request.\n');
    io.stdout.write('Press Ctrl+C to stop.\n');

    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await serving.close();
    return 0;
  },
};
