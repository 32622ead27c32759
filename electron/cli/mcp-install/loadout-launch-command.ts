/**
 * The command an MCP client runs to start `loadout mcp`: the installed `loadout`, found from how this
 * CLI itself was started. Absolute paths throughout, since Claude Desktop starts servers without the
 * shell's PATH (on macOS, without the user's PATH at all).
 */
import path from 'node:path';

export interface LaunchFacts {
  /** True inside the standalone `loadout` executable (node:sea's isSea()). */
  standalone: boolean;
  /** This process's executable: the standalone `loadout`, or Node. */
  execPath: string;
  /** The folder of Loadout's package.json (the checkout, or the installed package); null when unknown. */
  packageRoot: string | null;
  exists(file: string): boolean;
}

export interface LaunchCommand {
  command: string;
  args: string[];
  /** One line on what was chosen and why, shown to the user. */
  how: string;
}

/** The `command` and `args` that start Loadout's MCP server over stdio, or an Error saying what to do. */
export function resolveLoadoutLaunch(facts: LaunchFacts): LaunchCommand {
  if (facts.standalone) {
    return { command: facts.execPath, args: ['mcp'], how: 'the standalone loadout executable of the installed app' };
  }
  const root = facts.packageRoot;
  const built = root && path.join(root, 'out', 'cli', 'loadout.mjs');
  if (built && facts.exists(built)) {
    return {
      command: facts.execPath,
      args: [built, 'mcp'],
      how: `Node ${facts.execPath} running the built CLI (run \`npm run build:cli\` again after updating the checkout)`,
    };
  }
  const tsx = root && path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const source = root && path.join(root, 'electron', 'cli', 'main.ts');
  if (tsx && source && facts.exists(tsx) && facts.exists(source)) {
    return {
      command: facts.execPath,
      args: [tsx, source, 'mcp'],
      how: 'the source checkout through tsx, since the CLI is not built; it starts slower: run `npm run build:cli`, then install again',
    };
  }
  throw new Error(
    `cannot tell how to start loadout from here (no standalone executable, no out/cli/loadout.mjs, no source checkout${root ? ` under ${root}` : ''}). Run \`npm run build:cli\` in the checkout, or run this from the installed app's loadout command.`,
  );
}
