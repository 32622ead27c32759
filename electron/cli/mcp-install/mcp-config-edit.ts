/**
 * Adds (or updates) the "loadout" entry in a client's `mcpServers`, as text in, text out: jsonc-parser
 * edits only that entry, so every other line (the user's formatting included) stays as it was, and a
 * file that is not a JSON object is refused with where it breaks, never rewritten.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify } from 'jsonc-parser';
import type { McpClientName } from './client-config-location';
import type { LaunchCommand } from './loadout-launch-command';

/** The name Loadout's server has in the client's list. */
export const SERVER_NAME = 'loadout';

export interface ServerEntry {
  type?: 'stdio';
  command: string;
  args: string[];
  env?: Record<string, string>;
}

/** A config file that cannot be edited safely; the message names the file and says what to do. */
export class ConfigRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigRefusedError';
  }
}

export type ConfigEdit =
  | { kind: 'unchanged'; before: string }
  /** `previous`: the "loadout" entry it replaces, when there was one. */
  | { kind: 'changed'; before: string | null; after: string; previous: unknown };

/** The entry for a client: Claude Code's files name the transport, Claude Desktop's do not. */
export function serverEntry(
  client: McpClientName | 'other',
  launch: LaunchCommand,
  env: Record<string, string>,
): ServerEntry {
  const base: ServerEntry = { command: launch.command, args: launch.args, ...(Object.keys(env).length ? { env } : {}) };
  return client === 'claude-code' ? { type: 'stdio', ...base } : base;
}

/** The indentation the file uses: tabs, or the width of its first indented line (two spaces when it cannot tell). */
function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /^[{[]\s*\n([ \t]+)\S/.exec(text);
  if (m?.[1]?.startsWith('\t')) return { insertSpaces: false, tabSize: 1 };
  return { insertSpaces: true, tabSize: m ? m[1]!.length : 2 };
}

/** Where JSON.parse stopped, as "line L, column C" (Node 22 gives a position; newer ones give both). */
function whereBroken(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const pos = /position (\d+)/.exec(message);
  if (!pos) return 'it ends too early or cannot be read as JSON';
  const before = text.slice(0, Number(pos[1])).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The file's text with the "loadout" server set to `entry`. `before` is the file's text, or null when
 * it does not exist yet. Throws ConfigRefusedError for text it must not touch.
 */
export function withLoadoutServer(before: string | null, entry: ServerEntry, file: string): ConfigEdit {
  const text = before?.replace(/^\uFEFF/, '') ?? '';
  let config: unknown = {};
  if (text.trim() !== '') {
    try {
      config = JSON.parse(text);
    } catch (error) {
      throw new ConfigRefusedError(
        `${file} is not valid JSON (${whereBroken(text, error)}), so Loadout left it as it is. Fix that spot (or move the file aside) and run the install again; \`loadout mcp install --print\` shows the entry to add by hand.`,
      );
    }
  }
  if (!isObject(config)) {
    throw new ConfigRefusedError(
      `${file} holds ${Array.isArray(config) ? 'a list' : 'a single value'} instead of a JSON object ({ … }), so Loadout left it as it is. Move it aside and run the install again.`,
    );
  }
  const servers = config.mcpServers ?? {};
  if (!isObject(servers)) {
    throw new ConfigRefusedError(
      `"mcpServers" in ${file} is not an object of servers, so Loadout left the file as it is. Make it { } (or fix it) and run the install again.`,
    );
  }
  const previous = servers[SERVER_NAME];
  if (before !== null && JSON.stringify(previous) === JSON.stringify(entry)) return { kind: 'unchanged', before };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const bom = before?.startsWith('\uFEFF') ? '\uFEFF' : '';
  const source = text.trim() === '' ? '{}' : text;
  const edits = modify(source, ['mcpServers', SERVER_NAME], entry, { formattingOptions: { ...indentOf(text), eol } });
  const edited = applyEdits(source, edits);
  const after = bom + edited + (edited.endsWith(eol) ? '' : eol);
  // The edit is textual: make sure it says exactly what was meant before anything is written.
  const meant = { ...config, mcpServers: { ...servers, [SERVER_NAME]: entry } };
  if (!isDeepStrictEqual(JSON.parse(edited), meant)) {
    throw new ConfigRefusedError(
      `Loadout could not add its entry to ${file} without changing something else, so it left the file as it is. Add the entry from \`loadout mcp install --print\` by hand.`,
    );
  }
  return { kind: 'changed', before, after, previous };
}
