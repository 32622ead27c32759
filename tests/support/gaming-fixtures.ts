/** Gaming mode as the contract shows it, for the tray, notification, monitor and ledger tests (issue 19). */
import type { GamingStatus } from '../../shared/contract/gaming';
import type { MinuteRollup } from '../../shared/energy/types';

/** gaming.status while it watches with no game running; `over` sets what a test is about. */
export function gamingStatus(over: Partial<GamingStatus> = {}): GamingStatus {
  return {
    enabled: true,
    phase: 'watching',
    games: [],
    since: null,
    restoreAt: null,
    remembered: null,
    canRestore: false,
    busyModels: [],
    message: null,
    history: [],
    sessions: [],
    ...over,
  };
}

/** One whole idle minute of GPU-0 measured by its energy counter, `energyJ` joules spent. */
export function idleMinute(minuteMs: number, energyJ: number): MinuteRollup {
  return {
    gpuKey: 'GPU-0',
    minuteMs,
    presetId: null,
    modelKeys: [],
    energyJ,
    coveredMs: 60_000,
    seconds: { 'idle-empty': 60, 'loaded-idle': 0, inferring: 0 },
    joulesByState: { 'idle-empty': energyJ, 'loaded-idle': 0, inferring: 0 },
    peakW: 300,
    method: 'counter',
  };
}
