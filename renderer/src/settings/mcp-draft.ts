/**
 * The "Claude & agents (MCP)" part of the settings window as an editable draft, and its validation into
 * a settings patch (or the field to fix). Numbers accept a decimal comma, as pt-BR users type them.
 */
import type { PublicSettings, SettingsPatch } from '../../../shared/contract/settings';

export interface FolderDraft {
  /** Stable React key for the row (the path changes while typing). */
  key: string;
  path: string;
}

export interface McpDraft {
  http: boolean;
  folders: FolderDraft[];
  minConfidence: string;
  maxConcurrent: string;
  inputPerMTok: string;
  outputPerMTok: string;
}

export type McpField = 'folder' | 'minConfidence' | 'maxConcurrent' | 'inputPerMTok' | 'outputPerMTok';

/** Which field is wrong; `index` names the folder row. */
export interface McpDraftError {
  field: McpField;
  index?: number;
}

/** The most `ask` calls at once the schema takes (mcp.maxConcurrent). */
const MAX_CONCURRENT = 64;

let rowSeq = 0;
/** A fresh row key for a folder in the list. */
export function newFolderKey(): string {
  rowSeq += 1;
  return `folder-${rowSeq}`;
}

/** The draft for the saved settings. */
export function toMcpDraft(s: PublicSettings): McpDraft {
  return {
    http: s.mcp.http,
    folders: s.mcp.fileRoots.map((path) => ({ key: newFolderKey(), path })),
    minConfidence: String(s.mcp.minConfidence),
    maxConcurrent: String(s.mcp.maxConcurrent),
    inputPerMTok: String(s.mcp.cloudPrice.inputPerMTok),
    outputPerMTok: String(s.mcp.cloudPrice.outputPerMTok),
  };
}

/** A typed number ("0,55" or "0.55"); NaN when it is empty or not a number. */
function parseDecimal(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

/** Validate the draft into a patch, or name the field (and folder row) to fix. */
export function mcpDraftToPatch(d: McpDraft): { patch: SettingsPatch } | McpDraftError {
  const emptyRow = d.folders.findIndex((f) => f.path.trim() === '');
  if (emptyRow >= 0) return { field: 'folder', index: emptyRow };
  const minConfidence = parseDecimal(d.minConfidence);
  if (!(minConfidence >= 0 && minConfidence <= 1)) return { field: 'minConfidence' };
  const maxConcurrent = Number(d.maxConcurrent.trim() || 'x');
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT)
    return { field: 'maxConcurrent' };
  const inputPerMTok = parseDecimal(d.inputPerMTok);
  if (!(inputPerMTok >= 0 && Number.isFinite(inputPerMTok))) return { field: 'inputPerMTok' };
  const outputPerMTok = parseDecimal(d.outputPerMTok);
  if (!(outputPerMTok >= 0 && Number.isFinite(outputPerMTok))) return { field: 'outputPerMTok' };
  // The same folder twice reads no more files; keep the first.
  const fileRoots = [...new Set(d.folders.map((f) => f.path.trim()))];
  return {
    patch: {
      mcp: { http: d.http, fileRoots, minConfidence, maxConcurrent, cloudPrice: { inputPerMTok, outputPerMTok } },
    },
  };
}
