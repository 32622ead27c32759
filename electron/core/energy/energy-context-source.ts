/**
 * What the tracker attributes energy to, kept fresh without blocking a sample: the active preset (from
 * the presets service), the loaded models (LM Studio, re-read every 30 s and after each preset switch)
 * and Loadout's own requests in flight. `current()` is synchronous and never waits on LM Studio.
 */
import type { LoadedInstance } from '../../../shared/lmstudio/types';
import type { EnergyContext } from '../../../shared/energy/types';

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

  /** Re-read the loaded models now (after a preset switch); an unreachable LM Studio keeps the last known list. */
  refresh(): Promise<void> {
    this.refreshing ??= this.deps.listLoaded()
      .then((loaded) => {
        this.loaded = loaded;
      })
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** The context for the sample being measured now. */
  current(): EnergyContext {
    return {
      presetId: this.deps.activePresetId(),
      loadedModelKeys: [...new Set(this.loaded.map((i) => i.modelKey))],
      inFlight: this.loaded.filter((i) => this.deps.isBusy(i) || i.status === 'generating').length,
    };
  }
}
