import { describe, expect, it } from 'vitest';
import {
  claudeCodeConfigFile,
  claudeDesktopConfigFile,
  clientConfigLocation,
} from '../../../electron/cli/mcp-install/client-config-location';

const win = {
  platform: 'win32' as const,
  env: { APPDATA: 'C:\\Users\\Ana Souza\\AppData\\Roaming' },
  homedir: 'C:\\Users\\Ana Souza',
  cwd: 'D:\\src\\app',
};
const mac = { platform: 'darwin' as const, env: {}, homedir: '/Users/ana', cwd: '/Users/ana/src/app' };
const linux = { platform: 'linux' as const, env: {}, homedir: '/home/ana', cwd: '/home/ana/src/app' };

describe("MCP clients' config files", () => {
  it("put Claude Desktop's config in each OS's own place", () => {
    expect(claudeDesktopConfigFile(win)).toBe(
      'C:\\Users\\Ana Souza\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(claudeDesktopConfigFile({ ...win, env: {} })).toBe(
      'C:\\Users\\Ana Souza\\AppData\\Roaming\\Claude\\claude_desktop_config.json',
    );
    expect(claudeDesktopConfigFile(mac)).toBe(
      '/Users/ana/Library/Application Support/Claude/claude_desktop_config.json',
    );
    expect(claudeDesktopConfigFile(linux)).toBe('/home/ana/.config/Claude/claude_desktop_config.json');
    expect(claudeDesktopConfigFile({ ...linux, env: { XDG_CONFIG_HOME: '/home/ana/.cfg' } })).toBe(
      '/home/ana/.cfg/Claude/claude_desktop_config.json',
    );
  });

  it("put Claude Code's user scope in ~/.claude.json (or CLAUDE_CONFIG_DIR) and its project scope in .mcp.json of the folder", () => {
    expect(claudeCodeConfigFile(win, 'user')).toBe('C:\\Users\\Ana Souza\\.claude.json');
    expect(claudeCodeConfigFile(win, 'project')).toBe('D:\\src\\app\\.mcp.json');
    expect(claudeCodeConfigFile(linux, 'user')).toBe('/home/ana/.claude.json');
    expect(claudeCodeConfigFile({ ...linux, env: { CLAUDE_CONFIG_DIR: '/home/ana/.claude-work' } }, 'user')).toBe(
      '/home/ana/.claude-work/.claude.json',
    );
    expect(clientConfigLocation('claude-code', mac, 'project')).toMatchObject({
      file: '/Users/ana/src/app/.mcp.json',
      client: 'claude-code',
    });
  });
});
