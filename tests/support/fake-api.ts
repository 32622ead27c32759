/** A scripted ApiClient for renderer tests: per-method handlers, recorded calls, and events emitted on demand. */
import type { ApiClient } from '../../renderer/src/api/api-client';
import type { ConnectionStatus } from '../../renderer/src/api/transport';
import type { ApiResponse } from '../../shared/contract/errors';
import type { EventName, EventPayload, MethodInput, MethodName, MethodResult } from '../../shared/contract/index';

type Handler<N extends MethodName> = (
  input: MethodInput<N>,
) => ApiResponse<MethodResult<N>> | Promise<ApiResponse<MethodResult<N>>>;

export interface FakeApi extends ApiClient {
  calls: Array<{ method: MethodName; input: unknown }>;
  opened: string[];
  hidden: number;
  handle<N extends MethodName>(method: N, handler: NoInfer<Handler<N>>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setStatus(status: ConnectionStatus, reason?: string | null): void;
  listenerCount(): number;
}

/** Build a fake API; unhandled methods answer `unavailable`, as a core without that service does. */
export function createFakeApi(): FakeApi {
  const handlers = new Map<string, Handler<MethodName>>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const statusListeners = new Set<(s: ConnectionStatus, r: string | null) => void>();
  const api: FakeApi = {
    calls: [],
    opened: [],
    hidden: 0,
    async call(method, input) {
      api.calls.push({ method, input });
      const h = handlers.get(method);
      if (!h)
        return {
          ok: false,
          error: { code: 'unavailable', message: `${method} is not available in this fake.` },
        } as never;
      return (await h(input as never)) as never;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (p: unknown) => void);
      return () => {
        set.delete(listener as (p: unknown) => void);
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    openExternal(url) {
      if (!/^https?:/.test(url)) return false;
      api.opened.push(url);
      return true;
    },
    hideWindow() {
      api.hidden++;
    },
    handle(method, handler) {
      handlers.set(method, handler as unknown as Handler<MethodName>);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    setStatus(status, reason = null) {
      for (const l of statusListeners) l(status, reason);
    },
    listenerCount() {
      let n = statusListeners.size;
      for (const s of listeners.values()) n += s.size;
      return n;
    },
  };
  return api;
}

/** A hardware sample like the fake nvidia-smi's H200 produces (values from its capture). */
export function sampleAt(isoTime: string, powerW: number | null, perCore: number[] = [10, 20]) {
  return {
    timestamp: isoTime,
    cpu: { loadPercent: 15, perCore },
    memory: { totalBytes: 25_000_000_000, usedBytes: 1_300_000_000, availableBytes: 23_700_000_000 },
    gpus: [
      {
        index: 0,
        name: 'NVIDIA H200',
        uuid: 'GPU-1',
        utilizationPercent: 42,
        memoryUtilizationPercent: 3,
        memoryUsedBytes: 7_187_000_000,
        memoryTotalBytes: 150_754_820_096,
        temperatureC: 37,
        powerW,
        powerLimitW: 700,
        energyCounterMJ: null,
        clockSmMHz: 1980,
        clockMemMHz: 3201,
        fanPercent: null,
        pstate: 'P0',
        sampledAt: isoTime,
      },
    ],
    gpuSource: 'nvidia-smi' as const,
    gpuUnavailableReason: null,
    gpuProcesses: null,
    gpuProcessesUnavailableReason: 'not reported',
  };
}
