/**
 * `loadout mcp install claude-code|claude-desktop [--scope user|project] [--dry-run] [--print]` and
 * `loadout mcp install --print`: adds Loadout's MCP server to a client's config (keeping every other
 * entry, with a backup beside it), shows the change without writing it, or prints what to add by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isSea } from 'node:sea';
import { createTwoFilesPatch } from 'diff';
import { findPackageRoot } from '../../core/process/package-root';
import { UsageError, type CliIo } from '../command';
import { parseCommandArgs } from '../parse-args';
import { claudeMcpAddLine } from './claude-add-line';
import {
  clientConfigLocation,
  type ClaudeCodeScope,
  type McpClientName,
  type PlatformFacts,
} from './client-config-location';
import { resolveLoadoutLaunch, type LaunchCommand } from './loadout-launch-command';
import { SERVER_NAME, serverEntry, withLoadoutServer } from './mcp-config-edit';
import { readConfigText, writeClientConfig } from './write-client-config';

export const MCP_INSTALL_USAGE =
  'mcp install claude-code|claude-desktop [--scope user|project] [--dry-run] [--print] | mcp install --print';

const CLIENTS: McpClientName[] = ['claude-code', 'claude-desktop'];

/** What the install reads from the machine; tests pass temporary folders and another platform. */
export interface McpInstallDeps {
  facts: PlatformFacts;
  launch(): LaunchCommand;
  now(): Date;
}

/** The real machine: this process's platform, home and folder, and how this CLI was started. */
export function systemInstallDeps(env: NodeJS.ProcessEnv): McpInstallDeps {
  return {
    // `npm run loadout -- …` runs in the package root; INIT_CWD is the folder the user typed it in (for --scope project).
    facts: { platform: process.platform, env, homedir: os.homedir(), cwd: env.INIT_CWD || process.cwd() },
    launch: () =>
      resolveLoadoutLaunch({
        standalone: isSea(),
        execPath: process.execPath,
        packageRoot: findPackageRoot(),
        exists: fs.existsSync,
      }),
    now: () => new Date(),
  };
}

/** The server's environment: LOADOUT_HOME when this install runs with one, so the client's Loadout reads the same data. */
function serverEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): Record<string, string> {
  const home = env.LOADOUT_HOME;
  return home ? { LOADOUT_HOME: (platform === 'win32' ? path.win32 : path.posix).resolve(home) } : {};
}

/** Run `mcp install …` (args after `install`); resolves to the exit code. */
export async function runMcpInstall(
  args: string[],
  io: CliIo,
  deps: McpInstallDeps = systemInstallDeps(io.env),
): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { scope: { type: 'string' }, 'dry-run': { type: 'boolean' }, print: { type: 'boolean' } },
    MCP_INSTALL_USAGE,
    true,
  );
  if (positionals.length > 1)
    throw new UsageError(`one client at a time: ${positionals.join(', ')}.`, MCP_INSTALL_USAGE);
  const client = positionals[0];
  if (client !== undefined && !CLIENTS.includes(client as McpClientName)) {
    throw new UsageError(
      `unknown client "${client}": use claude-code or claude-desktop, or --print for the JSON any other client takes.`,
      MCP_INSTALL_USAGE,
    );
  }
  if (client === undefined && !values.print)
    throw new UsageError('which client? claude-code or claude-desktop (or --print for any other).', MCP_INSTALL_USAGE);
  const scope = values.scope ?? 'user';
  if (scope !== 'user' && scope !== 'project')
    throw new UsageError(`--scope is user or project, not "${scope}".`, MCP_INSTALL_USAGE);
  if (values.scope !== undefined && client !== 'claude-code')
    throw new UsageError('--scope is for claude-code (Claude Desktop has one config).', MCP_INSTALL_USAGE);
  if (values.print && values['dry-run'])
    throw new UsageError('--print writes nothing already; give --print or --dry-run, not both.', MCP_INSTALL_USAGE);

  const launch = deps.launch();
  const env = serverEnv(io.env, deps.facts.platform);
  if (values.print) {
    if (client === 'claude-code') io.stdout.write(`${claudeMcpAddLine(launch, scope, env, deps.facts.platform)}\n`);
    else
      io.stdout.write(
        `${JSON.stringify({ mcpServers: { [SERVER_NAME]: serverEntry('other', launch, env) } }, null, 2)}\n`,
      );
    io.stderr.write(`It starts ${launch.how}.\n`);
    return 0;
  }
  return installInto(client as McpClientName, scope, launch, env, io, deps, values['dry-run'] === true);
}

async function installInto(
  client: McpClientName,
  scope: ClaudeCodeScope,
  launch: LaunchCommand,
  env: Record<string, string>,
  io: CliIo,
  deps: McpInstallDeps,
  dryRun: boolean,
): Promise<number> {
  const where = clientConfigLocation(client, deps.facts, scope);
  const before = readConfigText(where.file);
  const edit = withLoadoutServer(before, serverEntry(client, launch, env), where.file);
  const runs = [launch.command, ...launch.args].join(' ');
  if (edit.kind === 'unchanged') {
    io.stdout.write(`Loadout is already in ${where.label} (${where.file}) with this command; nothing changed.\n`);
    return 0;
  }
  if (dryRun) {
    io.stdout.write(
      createTwoFilesPatch(
        where.file,
        where.file,
        before ?? '',
        edit.after,
        before === null ? '(does not exist yet)' : 'now',
        'after loadout mcp install',
      ),
    );
    io.stdout.write(`Dry run: nothing was written. It would start ${launch.how}.\n`);
    return 0;
  }
  const backup = writeClientConfig(where.file, before, edit.after, deps.now());
  const verb = edit.previous === undefined ? 'Added Loadout to' : 'Updated Loadout in';
  io.stdout.write(`${verb} ${where.label}: ${where.file}\n`);
  io.stdout.write(backup ? `The file as it was is kept in ${backup}.\n` : 'The file did not exist; it was created.\n');
  io.stdout.write(`It runs: ${runs}\n  (${launch.how})\n${where.afterChange}\n`);
  return 0;
}
