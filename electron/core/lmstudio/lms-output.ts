/**
 * Builds `lms` arguments and reads its output: `lms ps --json`, `lms ls --json` (SDK ModelInfo shapes,
 * reference §3, read with the schemas in schemas/lms-json.ts) and the identifier line `lms load` prints.
 * Readers never throw: an unreadable output comes back as the shape error to throw.
 */
import { isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import type { LmsLocalModel, LmsProcessInfo, LoadRequest } from './client-types';
import { LmStudioShapeError } from './errors';
import { LmsLsSchema, LmsPsSchema } from './schemas/lms-json';
import { readBody, type BodyReading } from './schemas/read-body';

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
    return [
      '--host',
      url.hostname.replace(/^\[|\]$/g, ''),
      '--port',
      url.port || (url.protocol === 'https:' ? '443' : '80'),
    ];
  } catch {
    return [];
  }
}

/** Parses JSON printed by `lms`, skipping any text lines before it (warnings, update notices); undefined when there is none. */
function parseLmsJson(stdout: string): unknown {
  const start = stdout.search(/^\s*[[{]/m);
  if (start < 0) return undefined;
  try {
    return JSON.parse(stdout.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON an `lms … --json` run printed, read with `schema`. */
function readLmsJson<S extends z.ZodType>(schema: S, stdout: string, command: string): BodyReading<z.output<S>> {
  const source = `\`lms ${command}\``;
  const data = parseLmsJson(stdout);
  if (data === undefined)
    return { ok: false, error: new LmStudioShapeError(source, 'the answer', 'expected JSON (found text)') };
  return readBody(schema, data, source);
}

/** LM Studio's processing status → ours: any work counts as generating (never unload it). */
function mapStatus(value: string | null | undefined): LmsProcessInfo['status'] {
  if (value === 'idle') return 'idle';
  if (value === 'generating' || value === 'processingPrompt' || value === 'computingEmbedding') return 'generating';
  if (value === 'loading') return 'loading';
  return null;
}

/** `lms ps --json` → process infos. */
export function readLmsPs(stdout: string): BodyReading<LmsProcessInfo[]> {
  const read = readLmsJson(LmsPsSchema, stdout, 'ps --json');
  if (!read.ok) return read;
  return {
    ok: true,
    value: read.value.map((entry) => ({
      identifier: entry.identifier,
      modelKey: entry.modelKey || entry.identifier,
      status: mapStatus(entry.status),
      queued: entry.queued ?? null,
      contextLength: entry.contextLength ?? null,
      ttlSeconds: entry.ttlMs == null ? null : Math.round(entry.ttlMs / 1000),
      sizeBytes: entry.sizeBytes ?? null,
      gpuOffload: null,
    })),
  };
}

/** `lms ls --json` → local files; relative paths are resolved against the models folder. */
export function readLmsLs(stdout: string, modelsDir: string | null): BodyReading<LmsLocalModel[]> {
  const read = readLmsJson(LmsLsSchema, stdout, 'ls --json');
  if (!read.ok) return read;
  return {
    ok: true,
    value: read.value.map(({ modelKey, path, sizeBytes }) => ({
      modelKey,
      path,
      absolutePath: isAbsolute(path) ? path : modelsDir ? join(modelsDir, path) : null,
      sizeBytes: sizeBytes ?? null,
    })),
  };
}

/** The identifier `lms load` printed (`use the identifier "…"`), or null. */
export function parseLoadedIdentifier(stdout: string): string | null {
  return /identifier\s+"([^"]+)"/i.exec(stdout)?.[1] ?? null;
}
