/** When a GPU's energy counter is due: once per period, at every sample while held at fine grain. */
import { describe, expect, it } from 'vitest';
import {
  EnergyCounterSchedule,
  energyCounterPeriodMs,
} from '../../../../electron/core/hardware/nvml/energy-counter-schedule';
import { ENERGY_COUNTER_PERIOD_MS, ENERGY_COUNTER_PERIOD_SLACK_MS } from '../../../../shared/energy/counter-reads';

/** The seconds (0..n-1, one sample each) at which device 0 reads its counter. */
function readsOver(
  schedule: EnergyCounterSchedule,
  seconds: number,
  everySampleAt: (s: number) => boolean = () => false,
) {
  const reads: number[] = [];
  for (let s = 0; s < seconds; s++) {
    schedule.everySample = everySampleAt(s);
    if (schedule.due(0, s * 1000)) {
      schedule.read(0, s * 1000);
      reads.push(s);
    }
  }
  return reads;
}

describe('EnergyCounterSchedule', () => {
  it('reads once per period from the first sample, and every sample while held', () => {
    expect(readsOver(new EnergyCounterSchedule(5000), 12)).toEqual([0, 5, 10]);
    expect(readsOver(new EnergyCounterSchedule(5000), 12, (s) => s >= 3 && s <= 6)).toEqual([0, 3, 4, 5, 6, 11]);
  });

  it('keeps each device on its own period', () => {
    const schedule = new EnergyCounterSchedule(5000);
    schedule.read(0, 0);
    expect(schedule.due(0, 1000)).toBe(false);
    expect(schedule.due(1, 1000)).toBe(true);
  });

  it('reads at the period less the slack, not before; and at once when the clock went back', () => {
    const schedule = new EnergyCounterSchedule(5000);
    schedule.read(0, 10_000);
    expect(schedule.due(0, 10_000)).toBe(false);
    expect(schedule.due(0, 15_000 - ENERGY_COUNTER_PERIOD_SLACK_MS - 1)).toBe(false);
    expect(schedule.due(0, 15_000 - ENERGY_COUNTER_PERIOD_SLACK_MS)).toBe(true);
    expect(schedule.due(0, 9_999)).toBe(true);
  });

  it('takes its period from LOADOUT_ENERGY_COUNTER_PERIOD_MS when it is a positive whole number', () => {
    expect(energyCounterPeriodMs({})).toBe(ENERGY_COUNTER_PERIOD_MS);
    expect(energyCounterPeriodMs({ LOADOUT_ENERGY_COUNTER_PERIOD_MS: '1000' })).toBe(1000);
    expect(energyCounterPeriodMs({ LOADOUT_ENERGY_COUNTER_PERIOD_MS: '1' })).toBe(1);
    for (const bad of ['0', '-5', 'soon', '2.5'])
      expect(energyCounterPeriodMs({ LOADOUT_ENERGY_COUNTER_PERIOD_MS: bad })).toBe(ENERGY_COUNTER_PERIOD_MS);
  });
});
