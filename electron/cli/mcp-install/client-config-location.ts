/**
 * Where each MCP client keeps the file that lists its servers. Pure over the platform, environment,
 * home and working folder it is given, with the path module of that platform, so tests cover Windows
 * paths on any OS.
 */
import path from 'node:path';

export type McpClientName = 'claude-code' | 'claude-desktop';
export type ClaudeCodeScope = 'user' | 'project';

export interface PlatformFacts {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  homedir: string;
  cwd: string;
}

export interface ClientConfigLocation {
  /** The file, absolute. */
  file: string;
  /** What the file is, for messages ("Claude Desktop's config"). */
  label: string;
  /** The entry's shape differs: Claude Code's carries `type: "stdio"`. */
  client: McpClientName;
  /** What the user does after the change for the client to see it. */
  afterChange: string;
}

/** The path functions of the platform the file lives on (win32 paths from Linux tests too). */
export function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Claude Desktop's `claude_desktop_config.json`: %APPDATA%\Claude, ~/Library/Application Support/Claude or ~/.config/Claude. */
export function claudeDesktopConfigFile({ platform, env, homedir }: PlatformFacts): string {
  const p = pathFor(platform);
  if (platform === 'win32')
    return p.join(env.APPDATA || p.join(homedir, 'AppData', 'Roaming'), 'Claude', 'claude_desktop_config.json');
  if (platform === 'darwin')
    return p.join(homedir, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  return p.join(env.XDG_CONFIG_HOME || p.join(homedir, '.config'), 'Claude', 'claude_desktop_config.json');
}

/**
 * Claude Code's file for a scope: `user` is `~/.claude.json` (under CLAUDE_CONFIG_DIR when that is set,
 * as Claude Code itself does), whose top-level `mcpServers` every project sees; `project` is `.mcp.json`
 * in the working folder, meant to be committed and shared.
 */
export function claudeCodeConfigFile({ platform, env, homedir, cwd }: PlatformFacts, scope: ClaudeCodeScope): string {
  const p = pathFor(platform);
  if (scope === 'project') return p.resolve(cwd, '.mcp.json');
  return p.join(env.CLAUDE_CONFIG_DIR || homedir, '.claude.json');
}

/** The file `loadout mcp install CLIENT [--scope]` edits, with what to tell the user. */
export function clientConfigLocation(
  client: McpClientName,
  facts: PlatformFacts,
  scope: ClaudeCodeScope = 'user',
): ClientConfigLocation {
  if (client === 'claude-desktop') {
    return {
      client,
      file: claudeDesktopConfigFile(facts),
      label: "Claude Desktop's config",
      afterChange: 'Quit Claude Desktop completely (from its tray or menu bar icon) and open it again to load Loadout.',
    };
  }
  const file = claudeCodeConfigFile(facts, scope);
  return scope === 'project'
    ? {
        client,
        file,
        label: "this project's .mcp.json (Claude Code, shared through version control)",
        afterChange: 'Start `claude` in this folder and approve the "loadout" server when it asks; `/mcp` shows it.',
      }
    : {
        client,
        file,
        label: "Claude Code's user config",
        afterChange: 'Start a new `claude` session; `/mcp` lists "loadout" in every project.',
      };
}
