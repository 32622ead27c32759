/**
 * The emulator's live state: the catalog, the loaded instances, the memory guardrail and the injected
 * failures. Routes (REST v1/v0, OpenAI, the fake `lms`) all go through this one object, so they agree.
 */
import { paramsInBillions, type EmulatedModel } from './catalog';
import type { ChatFault, Impostor } from './faults';
import { engineLoadFailure, guardrailRefusal } from './wording';

/** One loaded instance. */
export interface EmulatedInstance {
  id: string;
  modelKey: string;
  contextLength: number;
  evalBatchSize: number;
  parallel: number;
  flashAttention: boolean;
  offloadKvCacheToGpu: boolean;
  /** Ratio 0..1 as `lms load --gpu` parses it; null = automatic (REST v1 loads). */
  gpuOffload: number | null;
  ttlSeconds: number | null;
  /** Bytes this instance counts against the guardrail. */
  memoryBytes: number;
  loadedVia: 'rest' | 'lms';
  loadedAt: number;
  lastUsedTime: number | null;
  /** Chat requests in flight: > 0 means `generating`. */
  activeRequests: number;
}

/** What a load asks for (REST v1 and `lms load` both map onto this). */
export interface EmulatedLoadRequest {
  key: string;
  contextLength?: number;
  flashAttention?: boolean;
  offloadKvCacheToGpu?: boolean;
  evalBatchSize?: number;
  gpuOffload?: number | null;
  ttlSeconds?: number | null;
  identifier?: string;
  via: 'rest' | 'lms';
}

/** A refused or failed load, with the HTTP status and LM Studio's error code. */
export class EmulatedLoadError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'model_not_found' | 'model_load_failed' | 'invalid_request',
    message: string,
  ) {
    super(message);
  }
}

/** One recorded request (for tests that count calls, e.g. "no redundant unload"). */
export interface RecordedCall {
  method: string;
  path: string;
  at: number;
}

/** Tunables that the control API can change at run time. */
export interface EmulatorTunables {
  /** Generation speed of chat completions. */
  tokensPerSecond: number;
  /** Delay before the first token. */
  timeToFirstTokenMs: number;
  /** Load delay per GB of model size. */
  loadMsPerGb: number;
  /** Emulated memory the guardrail allows (VRAM + RAM). */
  vramGb: number;
  ramGb: number;
  /** Required token; null = auth off. */
  token: string | null;
  /** JIT loading: chat for a model not loaded loads it. */
  jit: boolean;
  /** Chat answers with this text (e.g. Markdown) instead of the prompt-derived words; null = derived. */
  answerText?: string | null;
  /** Streamed chats arrive in one network chunk (every token's event at once: a burst of deltas), not a write per token. */
  singleChunk?: boolean;
}

const DEFAULT_CONTEXT = 4096;
/** KV cache bytes per token per billion parameters (≈ GQA models: DeepSeek-Coder-33B ≈ 254 KiB/token). */
const KV_BYTES_PER_TOKEN_PER_B = 8 * 1024;

/** Bytes a load of this model with this context counts against the guardrail: weights + KV cache. */
export function estimateLoadBytes(model: EmulatedModel, contextLength: number): number {
  const params = paramsInBillions(model.paramsString) ?? model.sizeBytes / 1e9;
  return model.sizeBytes + Math.round(contextLength * params * KV_BYTES_PER_TOKEN_PER_B);
}

/** The emulator's state machine. */
export class EmulatorState {
  readonly models: EmulatedModel[];
  readonly instances: EmulatedInstance[] = [];
  readonly calls: RecordedCall[] = [];
  /** Loads currently waiting out their delay: counted by the guardrail, not listed. */
  readonly pendingLoads = new Map<string, number>();
  loadAttempts = 0;
  private readonly failingAttempts = new Map<number, string | undefined>();
  /** Next streamed chat is cut after this many tokens (one-shot). */
  dropNextStreamAfter: number | null = null;
  /** The next chat completion's fault (one-shot). */
  nextChatFault: ChatFault | null = null;
  /** Answer every route as a server that is not LM Studio; null = be LM Studio. */
  impostor: Impostor | null = null;

  constructor(
    models: readonly EmulatedModel[],
    readonly tunables: EmulatorTunables,
    private readonly now: () => number = Date.now,
  ) {
    this.models = models.map((m) => ({ ...m, quantization: { ...m.quantization } }));
  }

  /** Find a catalog model by key (case-insensitive, as LM Studio matches keys). */
  findModel(key: string): EmulatedModel | undefined {
    const wanted = key.toLowerCase();
    return this.models.find((m) => m.key.toLowerCase() === wanted);
  }

  /** Find a loaded instance by id, or the first instance of a model key. */
  findInstance(idOrKey: string): EmulatedInstance | undefined {
    return (
      this.instances.find((i) => i.id === idOrKey) ??
      this.instances.find((i) => i.modelKey.toLowerCase() === idOrKey.toLowerCase())
    );
  }

  /** Make the Nth load from now fail (1 = the next one) with an engine error. */
  failNthLoad(n: number, message?: string): void {
    this.failingAttempts.set(this.loadAttempts + Math.max(1, Math.floor(n)), message);
  }

  /** Bytes counted against the guardrail right now (loaded + loading). */
  usedBytes(): number {
    let total = 0;
    for (const instance of this.instances) total += instance.memoryBytes;
    for (const bytes of this.pendingLoads.values()) total += bytes;
    return total;
  }

  /** The guardrail budget in bytes. */
  budgetBytes(): number {
    return (this.tunables.vramGb + this.tunables.ramGb) * 1e9;
  }

  /** The id a new instance of `key` gets: the key, then `key:2`, `key:3`… (LM Studio's rule). */
  nextInstanceId(key: string): string {
    const taken = new Set([...this.instances.map((i) => i.id), ...this.pendingLoads.keys()]);
    if (!taken.has(key)) return key;
    for (let n = 2; ; n++) if (!taken.has(`${key}:${n}`)) return `${key}:${n}`;
  }

  /** Load a model: validate, check the guardrail, wait the size-proportional delay, then add the instance. */
  async load(request: EmulatedLoadRequest): Promise<{ instance: EmulatedInstance; loadTimeSeconds: number }> {
    const model = this.findModel(request.key);
    if (!model) {
      throw new EmulatedLoadError(
        404,
        'model_not_found',
        `Model "${request.key}" not found. Download it first (lms get ${request.key}).`,
      );
    }
    const contextLength = Math.min(request.contextLength ?? DEFAULT_CONTEXT, model.maxContextLength);
    if (
      request.contextLength !== undefined &&
      (!Number.isInteger(request.contextLength) || request.contextLength < 1)
    ) {
      throw new EmulatedLoadError(400, 'invalid_request', `Invalid context_length: ${String(request.contextLength)}`);
    }
    if (request.identifier !== undefined) {
      const taken =
        this.instances.some((i) => i.id === request.identifier) || this.pendingLoads.has(request.identifier);
      if (taken) {
        throw new EmulatedLoadError(
          400,
          'invalid_request',
          `An instance with identifier "${request.identifier}" is already loaded.`,
        );
      }
    }
    this.loadAttempts += 1;
    const attempt = this.loadAttempts;
    const memoryBytes = estimateLoadBytes(model, contextLength);
    if (this.usedBytes() + memoryBytes > this.budgetBytes()) {
      throw new EmulatedLoadError(500, 'model_load_failed', guardrailRefusal(memoryBytes));
    }
    const id = request.identifier ?? this.nextInstanceId(model.key);
    const started = this.now();
    this.pendingLoads.set(id, memoryBytes);
    try {
      const delayMs = (model.sizeBytes / 1e9) * this.tunables.loadMsPerGb;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (this.failingAttempts.has(attempt)) {
        const message = this.failingAttempts.get(attempt);
        this.failingAttempts.delete(attempt);
        throw new EmulatedLoadError(500, 'model_load_failed', message ?? engineLoadFailure(model.key));
      }
    } finally {
      this.pendingLoads.delete(id);
    }
    const instance: EmulatedInstance = {
      id,
      modelKey: model.key,
      contextLength,
      evalBatchSize: request.evalBatchSize ?? 512,
      parallel: model.type === 'llm' ? 4 : 1,
      flashAttention: request.flashAttention ?? true,
      offloadKvCacheToGpu: request.offloadKvCacheToGpu ?? true,
      gpuOffload: request.gpuOffload ?? null,
      ttlSeconds: request.ttlSeconds ?? null,
      memoryBytes,
      loadedVia: request.via,
      loadedAt: this.now(),
      lastUsedTime: null,
      activeRequests: 0,
    };
    this.instances.push(instance);
    return { instance, loadTimeSeconds: Math.max(0, (this.now() - started) / 1000) };
  }

  /** Unload instances idle longer than their TTL (LM Studio's idle TTL, reference §5.1); returns their ids. */
  expireIdle(): string[] {
    const now = this.now();
    const expired = this.instances.filter(
      (i) =>
        i.ttlSeconds !== null && i.activeRequests === 0 && now - (i.lastUsedTime ?? i.loadedAt) >= i.ttlSeconds * 1000,
    );
    for (const instance of expired) this.unload(instance.id);
    return expired.map((i) => i.id);
  }

  /** Unload one instance by id; false when no such instance. */
  unload(instanceId: string): boolean {
    const index = this.instances.findIndex((i) => i.id === instanceId);
    if (index < 0) return false;
    this.instances.splice(index, 1);
    return true;
  }

  /** Unload everything; returns the ids unloaded. */
  unloadAll(): string[] {
    return this.instances.splice(0, this.instances.length).map((i) => i.id);
  }
}
