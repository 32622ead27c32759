/**
 * `loadout serve`: the core headless, the built renderer and the app API over WebSocket, for a
 * browser on this machine or (with a token) another one.
 */
import { createContractDispatch, createEventHub } from '../../../../shared/contract';
import { apiServicesFromCore } from '../../server/core-api-services';
import { createAppApi } from '../../server/handlers/create-api-handlers';
import { isLoopbackHost } from '../../server/host-check';
import { logUnhandledRejections } from '../../process/log-unhandled-rejections';
import { createOpenAiEndpoint } from '../../routing/openai-endpoint';
import { InsecureBindError, startLoadoutServer } from '../../server/loadout-server';
import { defaultRendererDir } from '../../server/static-files';
import { generateToken } from '../../server/token-auth';
import { UsageError, type CliCommand } from '../command';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs, positiveInt } from '../parse-args';

const usage = 'serve [--port 1235] [--host 127.0.0.1] [--token T] [--renderer DIR] [--openai] [--lmstudio URL]';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Run Loadout headless: the web UI and the app API over WebSocket (loopback unless given a token).',
  usage,
  async run(args, io) {
    const { values } = parseCommandArgs(args, {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      renderer: { type: 'string' },
      openai: { type: 'boolean' },
      ...LMSTUDIO_OPTION,
    }, usage);
    const port = values.port === '0' ? 0 : (positiveInt(values.port, '--port', usage) ?? 1235);
    if (port > 65535) throw new UsageError(`--port must be 1-65535, got ${port}.`, usage);
    const host = values.host ?? '127.0.0.1';
    if (values.token !== undefined && values.token.length < 16) throw new UsageError('--token must be at least 16 characters; omit it to get a generated one.', usage);
    const token = values.token ?? (isLoopbackHost(host) ? null : generateToken());

    const core = openCliCore(io, values.lmstudio);
    // A hand edit of config.json while serving: said once per problem; the last good settings stay in force.
    const settingsNotice = core.settings.recoveryMessage;
    if (settingsNotice) io.stderr.write(`loadout serve: ${settingsNotice}\n`);
    const offSettingsProblem = core.settings.onProblem((problem) => {
      io.stderr.write(`loadout serve: ${problem ? problem.message : `Settings file ${core.settings.path} is readable again; its settings are in use.`}\n`);
    });
    core.hardware.start();
    const events = createEventHub((error) => io.stderr.write(`loadout serve: an event listener failed: ${String(error)}\n`));
    const api = createAppApi(apiServicesFromCore(core, 'serve', { env: io.env }), events);
    const dispatch = createContractDispatch(api.handlers, {
      onInternalError: (method, error) => io.stderr.write(`loadout serve: ${method} failed unexpectedly: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`),
    });
    const rendererDir = values.renderer ?? defaultRendererDir();
    // The OpenAI-compatible endpoint is off unless asked for (--openai or settings.server.openAiEndpoint).
    const openAi = values.openai || core.settings.get().server.openAiEndpoint ? createOpenAiEndpoint(core, io.env) : null;
    for (const p of openAi?.problems ?? []) io.stderr.write(`loadout serve: ${p}\n`);
    const offRejections = logUnhandledRejections(process, (line) => io.stderr.write(line), 'loadout serve');
    const stopWatching = () => {
      offRejections();
      offSettingsProblem();
    };
    let server;
    try {
      server = await startLoadoutServer({ host, port, token, rendererDir, dispatch, events, openAi: openAi?.handler });
    } catch (error) {
      stopWatching();
      api.dispose();
      openAi?.close();
      await core.dispose();
      if (error instanceof InsecureBindError) throw new UsageError(error.message, usage);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        io.stderr.write(`loadout serve: port ${port} on ${host} is already in use. Stop what uses it or pick another with --port.\n`);
        return 1;
      }
      throw error;
    }
    const open = token ? `${server.url}/?token=${encodeURIComponent(token)}` : `${server.url}/`;
    io.stdout.write(`Loadout is serving on ${server.url}\nOpen: ${open}\n`);
    if (openAi) io.stdout.write(`OpenAI-compatible endpoint: ${server.url}/v1 (model "auto" is routed${token ? '; send the token as the API key' : ''})\n`);
    if (token && values.token === undefined) io.stdout.write('A token was generated for this run; keep the address private.\n');
    if (!isLoopbackHost(host)) io.stdout.write('Other machines can reach this address; the token is required for every request.\n');
    io.stdout.write('Press Ctrl+C to stop.\n');

    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await server.close();
    stopWatching();
    api.dispose();
    openAi?.close();
    await core.dispose();
    return 0;
  },
};
