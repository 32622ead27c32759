/**
 * Builds `lms` arguments and reads its output: `lms ps --json`, `lms ls --json` (SDK ModelInfo shapes,
 * reference §3) and the identifier line `lms load` prints. Parsers never throw; null = unreadable.
 */
import { isAbsolute, join } from 'node:path';
import type { LmsLocalModel, LmsProcessInfo, LoadRequest } from './client-types';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);

/** `lms load <key> --gpu … -c … --ttl … --identifier … -y` for a load request. */
export function buildLmsLoadArgs(request: LoadRequest): string[] {
  const args = ['load', request.key];
  if (request.gpuOffload !== undefined) args.push('--gpu', String(request.gpuOffload));
  if (request.contextLength !== undefined) args.push('-c', String(request.contextLength));
  if (request.ttlSeconds !== undefined) args.push('--ttl', String(request.ttlSeconds));
  if (request.identifier !== undefined) args.push('--identifier', request.identifier);
  args.push('-y');
  return args;
}

/** `--host H --port P` when the server is not LM Studio's default local one, so `lms` talks to the same server. */
export function lmsHostArgs(baseUrl: string, isDefault: boolean): string[] {
  if (isDefault) return [];
  try {
    const url = new URL(baseUrl);
    return ['--host', url.hostname.replace(/^\[|\]$/g, ''), '--port', url.port || (url.protocol === 'https:' ? '443' : '80')];
  } catch {
    return [];
  }
}

/** Parses JSON printed by `lms`, skipping any text lines before it (warnings, update notices). */
export function parseLmsJson(stdout: string): unknown {
  const start = stdout.search(/^\s*[[{]/m);
  if (start < 0) return null;
  try {
    return JSON.parse(stdout.slice(start)) as unknown;
  } catch {
    return null;
  }
}

/** LM Studio's processing status → ours: any work counts as generating (never unload it). */
function mapStatus(value: unknown): LmsProcessInfo['status'] {
  if (value === 'idle') return 'idle';
  if (value === 'generating' || value === 'processingPrompt' || value === 'computingEmbedding') return 'generating';
  if (value === 'loading') return 'loading';
  return null;
}

/** `lms ps --json` → process infos; null when the output is not an array. */
export function parseLmsPs(stdout: string): LmsProcessInfo[] | null {
  const data = parseLmsJson(stdout);
  if (!Array.isArray(data)) return null;
  const result: LmsProcessInfo[] = [];
  for (const raw of data) {
    const entry = obj(raw);
    const identifier = str(entry?.identifier);
    if (!entry || !identifier) continue;
    const ttlMs = int(entry.ttlMs);
    result.push({
      identifier,
      modelKey: str(entry.modelKey) ?? identifier,
      status: mapStatus(entry.status),
      queued: int(entry.queued),
      contextLength: int(entry.contextLength),
      ttlSeconds: ttlMs === null ? null : Math.round(ttlMs / 1000),
      sizeBytes: int(entry.sizeBytes),
      gpuOffload: null,
    });
  }
  return result;
}

/** `lms ls --json` → local files; relative paths are resolved against the models folder. Null when not an array. */
export function parseLmsLs(stdout: string, modelsDir: string | null): LmsLocalModel[] | null {
  const data = parseLmsJson(stdout);
  if (!Array.isArray(data)) return null;
  const result: LmsLocalModel[] = [];
  for (const raw of data) {
    const entry = obj(raw);
    const modelKey = str(entry?.modelKey);
    const path = str(entry?.path);
    if (!entry || !modelKey || !path) continue;
    const absolutePath = isAbsolute(path) ? path : modelsDir ? join(modelsDir, path) : null;
    result.push({ modelKey, path, absolutePath, sizeBytes: int(entry.sizeBytes) });
  }
  return result;
}

/** The identifier `lms load` printed (`use the identifier "…"`), or null. */
export function parseLoadedIdentifier(stdout: string): string | null {
  return /identifier\s+"([^"]+)"/i.exec(stdout)?.[1] ?? null;
}
