import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GGUFValueType, serializeGgufMetadata, type GGUFTypedMetadata } from '@huggingface/gguf';
import { GgufShapeCache, readGgufKvShape } from '../../../electron/core/models/gguf-header';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-gguf-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Write a header-only GGUF file (no tensors) with the given metadata. */
function writeGguf(
  name: string,
  kv: Record<string, { value: unknown; type: GGUFValueType; subType?: GGUFValueType }>,
): string {
  const metadata = {
    version: { value: 3, type: GGUFValueType.UINT32 },
    tensor_count: { value: 0n, type: GGUFValueType.UINT64 },
    kv_count: { value: BigInt(Object.keys(kv).length), type: GGUFValueType.UINT64 },
    ...kv,
  } as unknown as GGUFTypedMetadata;
  const file = path.join(dir, name);
  fs.writeFileSync(file, serializeGgufMetadata(metadata));
  return file;
}

const u32 = (value: number) => ({ value, type: GGUFValueType.UINT32 });

describe('readGgufKvShape', () => {
  it('reads the Llama 3 8B attention shape (GQA: 8 KV heads of 128)', async () => {
    const file = writeGguf('llama3-8b.gguf', {
      'general.architecture': { value: 'llama', type: GGUFValueType.STRING },
      'llama.block_count': u32(32),
      'llama.attention.head_count': u32(32),
      'llama.attention.head_count_kv': u32(8),
      'llama.embedding_length': u32(4096),
    });
    expect(await readGgufKvShape(file)).toEqual({
      ok: true,
      architecture: 'llama',
      shape: { layers: 32, kvHeads: 8, headDim: 128 },
    });
  });

  it('uses key_length when present and head_count when there is no head_count_kv', async () => {
    const file = writeGguf('gemma.gguf', {
      'general.architecture': { value: 'gemma2', type: GGUFValueType.STRING },
      'gemma2.block_count': u32(26),
      'gemma2.attention.head_count': u32(8),
      'gemma2.embedding_length': u32(2304),
      'gemma2.attention.key_length': u32(256),
    });
    expect(await readGgufKvShape(file)).toMatchObject({ ok: true, shape: { layers: 26, kvHeads: 8, headDim: 256 } });
  });

  it('says why when the header lacks the counts', async () => {
    const file = writeGguf('bare.gguf', { 'general.architecture': { value: 'llama', type: GGUFValueType.STRING } });
    const result = await readGgufKvShape(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/lacks llama\.block_count/);
  });

  it('does not throw on a missing or non-GGUF file', async () => {
    const junk = path.join(dir, 'junk.gguf');
    fs.writeFileSync(junk, 'not a gguf file at all, just text');
    for (const file of [path.join(dir, 'absent.gguf'), junk]) {
      const result = await readGgufKvShape(file);
      expect(result.ok).toBe(false);
    }
  });

  it('caches by path and returns null for unreadable files', async () => {
    let reads = 0;
    const cache = new GgufShapeCache(async (p) => {
      reads++;
      return readGgufKvShape(p);
    });
    const file = path.join(dir, 'llama3-8b.gguf');
    expect(await cache.shapeOf(file)).toEqual({ layers: 32, kvHeads: 8, headDim: 128 });
    await cache.shapeOf(file);
    expect(reads).toBe(1);
    expect(await cache.shapeOf(path.join(dir, 'absent.gguf'))).toBeNull();
    expect(await cache.shapeOf(null)).toBeNull();
  });
});
