/**
 * Loadout's own count of requests in flight per model, so a preset switch never unloads a model that
 * is answering one of Loadout's requests, even where `lms ps` cannot tell (no lms, LM Studio 0.3.x).
 * The chat service calls `begin(model)` when a request starts and the returned function when it ends.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';

export class InFlightRegistry {
  private readonly counts = new Map<string, number>();

  /** Count one request to `model` (a model key or an instance id); call the returned function once when it ends. */
  begin(model: string): () => void {
    this.counts.set(model, (this.counts.get(model) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const left = (this.counts.get(model) ?? 1) - 1;
      if (left > 0) this.counts.set(model, left);
      else this.counts.delete(model);
    };
  }

  /** Requests in flight to `model` (exact key or instance id). */
  count(model: string): number {
    return this.counts.get(model) ?? 0;
  }

  /**
   * Whether `instance` is serving one of Loadout's requests: by its instance id, or by its model key
   * when it is the instance LM Studio routes a bare key to (the first one, whose id is the key).
   */
  isBusy(instance: Pick<LoadedInstance, 'instanceId' | 'modelKey'>): boolean {
    return this.count(instance.instanceId) > 0 || (instance.instanceId === instance.modelKey && this.count(instance.modelKey) > 0);
  }
}
