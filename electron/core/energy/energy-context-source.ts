/**
 * What the tracker attributes energy to, kept fresh without blocking a sample: the active preset (from
 * the presets service), the loaded models (LM Studio, re-read every 30 s, and at once after each load or
 * unload Loadout runs itself: see lmstudio/load-events) and Loadout's own requests in flight.
 * `current()` is synchronous and never waits on LM Studio.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { EnergyContext } from '../../../shared/energy/types';
import type { LoadedChange } from '../lmstudio/load-events';

export interface EnergyContextDeps {
  activePresetId: () => string | null;
  listLoaded: () => Promise<LoadedInstance[]>;
  /** Whether a loaded instance is answering one of Loadout's requests (the presets' in-flight registry). */
  isBusy: (instance: LoadedInstance) => boolean;
  refreshMs?: number;
}

/** A cached, periodically refreshed energy context. */
export class EnergyContextSource {
  private loaded: LoadedInstance[] = [];
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  /** Set when the list may have changed since the read in progress started: its answer is then discarded and read again. */
  private stale = false;

  constructor(private readonly deps: EnergyContextDeps) {}

  /** Start refreshing the loaded models (idempotent). */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.deps.refreshMs ?? 30_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Re-read the loaded models now; an unreachable LM Studio keeps the last known list. A call made while
   * a read is in flight makes it read once more, so the list never ends older than the call.
   */
  refresh(): Promise<void> {
    this.stale = true;
    this.refreshing ??= this.readUntilFresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Apply a load or unload Loadout just ran (effective at once), then confirm with LM Studio's list. */
  applyChange(change: LoadedChange): Promise<void> {
    if (change.action === 'load') {
      this.loaded = [...this.loaded.filter((i) => i.instanceId !== change.instance.instanceId), change.instance];
    } else if (change.action === 'unload') {
      this.loaded = this.loaded.filter((i) => i.instanceId !== change.instanceId);
    }
    return this.refresh();
  }

  /** The context for the sample being measured now. */
  current(): EnergyContext {
    return {
      presetId: this.deps.activePresetId(),
      loadedModelKeys: [...new Set(this.loaded.map((i) => i.modelKey))],
      inFlight: this.loaded.filter((i) => this.deps.isBusy(i) || i.status === 'generating').length,
    };
  }

  private async readUntilFresh(): Promise<void> {
    while (this.stale) {
      this.stale = false;
      try {
        const loaded = await this.deps.listLoaded();
        if (!this.stale) this.loaded = loaded;
      } catch {
        // LM Studio unreachable: keep the last known list.
      }
    }
  }
}
