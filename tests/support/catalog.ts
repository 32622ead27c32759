/**
 * Real-looking LM Studio catalog entries (keys, sizes and capabilities as REST v1 reports them for
 * these GGUFs) for the routing tables; `loaded` adds an instance with the given context length.
 */
import type { CatalogModel } from '../../shared/lmstudio/types';

interface Spec {
  key: string;
  params: string;
  gb: number;
  maxCtx: number;
  type?: CatalogModel['type'];
  vision?: boolean;
  tools?: boolean;
  reasoning?: boolean;
  arch?: string;
}

const SPECS: Spec[] = [
  { key: 'qwen2.5-coder-14b-instruct', params: '14B', gb: 8.99, maxCtx: 32768, arch: 'qwen2', tools: true },
  { key: 'qwen2.5-coder-7b-instruct', params: '7B', gb: 4.68, maxCtx: 32768, arch: 'qwen2', tools: true },
  { key: 'deepseek-coder-33b-instruct', params: '33B', gb: 19.94, maxCtx: 16384, arch: 'llama' },
  { key: 'qwen2.5-7b-instruct', params: '7B', gb: 4.68, maxCtx: 32768, arch: 'qwen2', tools: true },
  { key: 'qwen2.5-14b-instruct-1m', params: '14B', gb: 8.99, maxCtx: 1_010_000, arch: 'qwen2', tools: true },
  { key: 'llama-3.2-3b-instruct', params: '3B', gb: 2.02, maxCtx: 131072, arch: 'llama', tools: true },
  { key: 'llama-3.2-1b-instruct', params: '1B', gb: 0.81, maxCtx: 131072, arch: 'llama' },
  { key: 'mistral-7b-instruct-v0.3', params: '7B', gb: 4.37, maxCtx: 32768, arch: 'llama', tools: true },
  { key: 'phi-3.5-mini-instruct', params: '3.8B', gb: 2.39, maxCtx: 131072, arch: 'phi3' },
  { key: 'google/gemma-3-12b', params: '12B', gb: 8.15, maxCtx: 131072, type: 'vlm', vision: true, arch: 'gemma3' },
  { key: 'qwen/qwen2.5-vl-7b', params: '7B', gb: 6.01, maxCtx: 128000, type: 'vlm', vision: true, arch: 'qwen2vl' },
  {
    key: 'openai/gpt-oss-20b',
    params: '20B',
    gb: 12.11,
    maxCtx: 131072,
    arch: 'gpt-oss',
    tools: true,
    reasoning: true,
  },
  {
    key: 'text-embedding-nomic-embed-text-v1.5',
    params: '137M',
    gb: 0.08,
    maxCtx: 2048,
    type: 'embedding',
    arch: 'nomic-bert',
  },
  { key: 'codellama-13b-instruct', params: '13B', gb: 7.87, maxCtx: 16384, arch: 'llama' },
];

/** A catalog entry by key (throws in tests for a typo). */
export function model(
  key: string,
  loaded: Array<{ ctx: number | null; id?: string; status?: 'idle' | 'generating' }> = [],
): CatalogModel {
  const s = SPECS.find((x) => x.key === key);
  if (!s) throw new Error(`no spec for ${key}`);
  return {
    key: s.key,
    displayName: s.key,
    type: s.type ?? 'llm',
    publisher: s.key.includes('/') ? s.key.split('/')[0]! : null,
    architecture: s.arch ?? null,
    quantization: 'Q4_K_M',
    bitsPerWeight: 4,
    sizeBytes: Math.round(s.gb * 1e9),
    paramsString: s.params,
    format: 'gguf',
    maxContextLength: s.maxCtx,
    capabilities: { vision: s.vision ?? false, toolUse: s.tools ?? false, reasoning: s.reasoning ?? false },
    path: null,
    loadedInstances: loaded.map((l, i) => ({
      instanceId: l.id ?? (i === 0 ? s.key : `${s.key}:${i + 1}`),
      modelKey: s.key,
      contextLength: l.ctx,
      gpuOffload: null,
      ttlSeconds: null,
      flashAttention: null,
      offloadKvCacheToGpu: null,
      status: l.status ?? null,
    })),
  };
}

/** Every model in the table, none loaded except those in `loaded` (key → context length). */
export function catalog(loaded: Record<string, number | null>): CatalogModel[] {
  return SPECS.map((s) => model(s.key, s.key in loaded ? [{ ctx: loaded[s.key]! }] : []));
}
