/**
 * Reads the attention shape (layers, KV heads, head size) from a local GGUF file's header with
 * `@huggingface/gguf`, which reads only the header bytes, not the weights. Memory-fit uses it to size
 * the KV cache exactly instead of by heuristic. Never throws: an unreadable file gives a reason.
 */
import { gguf } from '@huggingface/gguf';
import type { KvShape } from '../../../shared/models/memory-fit';

export type GgufKvShapeResult = { ok: true; shape: KvShape; architecture: string } | { ok: false; reason: string };

function positiveInt(value: unknown): number | null {
  // head_count_kv can be a per-layer array (e.g. OpenELM, gemma variants): size the cache by the largest.
  if (Array.isArray(value)) {
    const nums = value.map((v) => positiveInt(v)).filter((v): v is number => v !== null);
    return nums.length ? Math.max(...nums) : null;
  }
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

/** Read the KV-cache shape of the model in the GGUF file at `filePath`. */
export async function readGgufKvShape(filePath: string): Promise<GgufKvShapeResult> {
  let metadata: Record<string, unknown>;
  try {
    ({ metadata } = (await gguf(filePath, { allowLocalFile: true })) as unknown as {
      metadata: Record<string, unknown>;
    });
  } catch (error) {
    return {
      ok: false,
      reason: `could not read the GGUF header of ${filePath}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const architecture = metadata['general.architecture'];
  if (typeof architecture !== 'string' || !architecture)
    return { ok: false, reason: `${filePath} has no general.architecture in its GGUF header` };
  const get = (name: string) => positiveInt(metadata[`${architecture}.${name}`]);
  const layers = get('block_count');
  const heads = get('attention.head_count');
  const kvHeads = get('attention.head_count_kv') ?? heads;
  const embedding = get('embedding_length');
  const headDim = get('attention.key_length') ?? (embedding && heads ? Math.floor(embedding / heads) : null);
  if (!layers || !kvHeads || !headDim) {
    return {
      ok: false,
      reason: `the GGUF header of ${filePath} lacks ${architecture}.block_count, attention.head_count(_kv) or embedding_length`,
    };
  }
  return { ok: true, shape: { layers, kvHeads, headDim }, architecture };
}

/** A per-path cache of header reads: a file's header does not change while its path stays the same. */
export class GgufShapeCache {
  private readonly cache = new Map<string, Promise<GgufKvShapeResult>>();

  constructor(private readonly read: (path: string) => Promise<GgufKvShapeResult> = readGgufKvShape) {}

  /** The shape for `filePath`, or null when it cannot be read. */
  async shapeOf(filePath: string | null): Promise<KvShape | null> {
    if (!filePath) return null;
    let pending = this.cache.get(filePath);
    if (!pending) {
      pending = this.read(filePath);
      this.cache.set(filePath, pending);
    }
    const result = await pending;
    return result.ok ? result.shape : null;
  }
}
