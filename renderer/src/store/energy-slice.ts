/** Energy slice: today / week / month totals and breakdowns by state and preset, and the idle alert with its action. */
import type { StateCreator } from 'zustand';
import type { EnergyReport, EnergySummary, IdleAlert } from '../../../shared/contract/energy';
import type { BusyModel } from '../../../shared/contract/models';
import type { DelegationSummaryInfo } from '../../../shared/contract/energy-delegations';
import type { FitNotice } from '../../../shared/models/fit-notice';
import type { SwitchNotice } from '../../../shared/presets/switch-notice';
import type { AppState, StoreDeps } from './app-state';

/** Where the idle alert's "unload all" action stands. */
export type IdleAlertAction =
  | { phase: 'idle' }
  | { phase: 'applying'; presetId: string }
  | { phase: 'done'; presetId: string }
  /** `notice`/`fitNotice`: why, as data, for the card to word in its language (`message` is the core's English). */
  | { phase: 'failed'; presetId: string; message: string; notice?: SwitchNotice; fitNotice?: FitNotice }
  /** Stopped because these models are still generating: the card asks "Unload anyway?". */
  | { phase: 'busy'; presetId: string; busy: BusyModel[]; notice?: SwitchNotice };

/** How long "Don't warn for 1 hour" silences the watchdog (minutes). */
export const IDLE_SNOOZE_MINUTES = 60;

export interface EnergySlice {
  energySummary: EnergySummary | null;
  energyByState: EnergyReport | null;
  energyByPreset: EnergyReport | null;
  energyError: string | null;
  /** Tasks MCP clients delegated today (null until read, or when the core has no ledger). */
  delegatedToday: DelegationSummaryInfo | null;
  idleAlert: IdleAlert | null;
  idleAction: IdleAlertAction;
  /** Refresh the summary and the 30-day breakdowns (the monitor calls this every minute, not per sample). */
  loadEnergy(): Promise<void>;
  receiveIdleAlert(alert: IdleAlert): void;
  /** Fetch the alert still standing (a window opened from the notification, after the event went by). */
  loadIdleAlert(): Promise<void>;
  /** Apply the suggested preset (Gaming: unload all) with progress and result in `idleAction`; `force` cuts off answers being generated. */
  unloadForIdleAlert(force?: boolean): Promise<void>;
  /** Back to the alert's buttons (Cancel on the "Unload anyway?" question). */
  resetIdleAction(): void;
  /** Hide the alert, here and in the core; with snoozeMinutes, the watchdog raises none until then. */
  dismissIdleAlert(snoozeMinutes?: number): Promise<void>;
}

/** Build the energy slice. */
export function createEnergySlice(deps: StoreDeps): StateCreator<AppState, [], [], EnergySlice> {
  return (set, get) => ({
    energySummary: null,
    energyByState: null,
    energyByPreset: null,
    energyError: null,
    delegatedToday: null,
    idleAlert: null,
    idleAction: { phase: 'idle' },
    async loadEnergy() {
      const [summary, byState, byPreset, delegated] = await Promise.all([
        deps.api.call('energy.summary', undefined),
        deps.api.call('energy.report', { since: '30d', by: 'state' }),
        deps.api.call('energy.report', { since: '30d', by: 'preset' }),
        deps.api.call('energy.delegations', { since: 'today', by: 'client' }),
      ]);
      set({
        energySummary: summary.ok ? summary.result : null,
        energyByState: byState.ok ? byState.result : null,
        energyByPreset: byPreset.ok ? byPreset.result : null,
        delegatedToday: delegated.ok ? delegated.result : null,
        energyError: summary.ok ? null : summary.error.message,
      });
    },
    receiveIdleAlert(alert) {
      // A new alert while the last action is still running keeps the action's progress on screen.
      set({
        idleAlert: alert,
        ...(get().idleAction.phase === 'applying' ? {} : { idleAction: { phase: 'idle' } as const }),
      });
    },
    async loadIdleAlert() {
      const r = await deps.api.call('energy.idleAlertCurrent', undefined);
      if (r.ok && r.result && !get().idleAlert) set({ idleAlert: r.result, idleAction: { phase: 'idle' } });
    },
    async unloadForIdleAlert(force) {
      const presetId = get().idleAlert?.suggestedPresetId ?? 'gaming';
      set({ idleAction: { phase: 'applying', presetId } });
      const result = await get().applyPreset(presetId, force);
      if (result?.result === 'refused' && result.busy?.length) {
        set({
          idleAction: {
            phase: 'busy',
            presetId,
            busy: result.busy,
            ...(result.notice ? { notice: result.notice } : {}),
          },
        });
        return;
      }
      if (result?.result === 'ok') {
        set({ idleAction: { phase: 'done', presetId } });
        // The core's alert is settled too, so a window opened later does not show it again.
        await deps.api.call('energy.idleAlertDismiss', { snoozeMinutes: 0 });
        return;
      }
      const message =
        result?.message ?? get().lastSwitch?.message ?? get().presetsError?.detail ?? result?.result ?? 'failed';
      const why = {
        ...(result?.notice ? { notice: result.notice } : {}),
        ...(result?.fitNotice ? { fitNotice: result.fitNotice } : {}),
      };
      set({ idleAction: { phase: 'failed', presetId, message, ...why } });
    },
    resetIdleAction() {
      set({ idleAction: { phase: 'idle' } });
    },
    async dismissIdleAlert(snoozeMinutes = 0) {
      set({ idleAlert: null, idleAction: { phase: 'idle' } });
      await deps.api.call('energy.idleAlertDismiss', { snoozeMinutes });
    },
  });
}
