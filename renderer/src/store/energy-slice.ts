/** Energy slice: today / week / month totals and breakdowns by state and preset. */
import type { StateCreator } from 'zustand';
import type { EnergyReport, EnergySummary, IdleAlert } from '../../../shared/contract/energy';
import type { AppState, StoreDeps } from './app-state';

export interface EnergySlice {
  energySummary: EnergySummary | null;
  energyByState: EnergyReport | null;
  energyByPreset: EnergyReport | null;
  energyError: string | null;
  idleAlert: IdleAlert | null;
  /** Refresh the summary and the 30-day breakdowns (the monitor calls this every minute, not per sample). */
  loadEnergy(): Promise<void>;
  receiveIdleAlert(alert: IdleAlert): void;
  dismissIdleAlert(): void;
}

/** Build the energy slice. */
export function createEnergySlice(deps: StoreDeps): StateCreator<AppState, [], [], EnergySlice> {
  return (set) => ({
    energySummary: null,
    energyByState: null,
    energyByPreset: null,
    energyError: null,
    idleAlert: null,
    async loadEnergy() {
      const [summary, byState, byPreset] = await Promise.all([
        deps.api.call('energy.summary', undefined),
        deps.api.call('energy.report', { since: '30d', by: 'state' }),
        deps.api.call('energy.report', { since: '30d', by: 'preset' }),
      ]);
      set({
        energySummary: summary.ok ? summary.result : null,
        energyByState: byState.ok ? byState.result : null,
        energyByPreset: byPreset.ok ? byPreset.result : null,
        energyError: summary.ok ? null : summary.error.message,
      });
    },
    receiveIdleAlert(alert) { set({ idleAlert: alert }); },
    dismissIdleAlert() { set({ idleAlert: null }); },
  });
}
