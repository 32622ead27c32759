/**
 * `loadout mcp [--standalone] [--lmstudio URL]`: the MCP server over stdio, for an MCP client to
 * start. When the tray app or `loadout serve` runs, it works through that process (one sampler, one
 * ledger writer, one view of busy models); otherwise it builds the core here.
 */
import type { Readable, Writable } from 'node:stream';
import { createContractDispatch, createEventHub } from '../../../shared/contract';
import { createAppApi } from '../../core/api/create-app-api';
import { inProcessContractClient } from '../../mcp/in-process-client';
import { runMcpStdio } from '../../mcp/run-mcp-stdio';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { MCP_INSTALL_USAGE, runMcpInstall } from '../mcp-install/mcp-install-command';
import type { CliCommand, CliIo } from '../command';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs } from '../parse-args';

const USAGE = `mcp [--standalone] [--lmstudio URL] | ${MCP_INSTALL_USAGE}`;

/** Build the command; tests pass their own stdin. */
export function createMcpCommand(stdin: () => Readable = () => process.stdin): CliCommand {
  return {
    name: 'mcp',
    summary:
      'Run the MCP server on stdin/stdout, for Claude and other agents (through a running Loadout when there is one).',
    usage: USAGE,
    async run(args, io) {
      // `loadout mcp install …` (M3, electron/cli/mcp-install/) adds this server to a client's config.
      if (args[0] === 'install') return runMcpInstall(args.slice(1), io);
      const { values } = parseCommandArgs(args, { ...STANDALONE_OPTION, ...LMSTUDIO_OPTION }, USAGE);
      const log = (line: string) => io.stderr.write(`loadout mcp: ${line}\n`);
      const attached = await attachUnlessStandalone(io, values);
      if (attached) {
        log(`working through the running Loadout (${attached.announce.face}, pid ${attached.announce.pid}).`);
        try {
          await runMcpStdio({
            client: attached.client,
            version: attached.announce.version,
            stdin: stdin(),
            stdout: io.stdout as Writable,
            log,
            signal: io.signal,
          });
        } finally {
          await attached.close();
        }
        return 0;
      }
      return runStandalone(values.lmstudio, io, stdin(), log);
    },
  };
}

/** No Loadout runs (or --standalone): build the core and its app API in this process. */
async function runStandalone(
  lmstudio: string | undefined,
  io: CliIo,
  stdin: Readable,
  log: (line: string) => void,
): Promise<number> {
  const core = openCliCore(io, lmstudio, 'mcp');
  core.hardware.start();
  const events = createEventHub((error) => log(`an event listener failed: ${String(error)}`));
  const api = createAppApi(core, { host: 'serve', events, env: io.env });
  const dispatch = createContractDispatch(api.handlers, {
    onInternalError: (method, error) =>
      log(`${method} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  try {
    await runMcpStdio({
      client: inProcessContractClient(dispatch, events),
      version: core.version,
      stdin,
      stdout: io.stdout as Writable,
      log,
      signal: io.signal,
    });
  } finally {
    api.dispose();
    await core.dispose();
  }
  return 0;
}

export const mcpCommand = createMcpCommand();
