/**
 * How often the GPU's cumulative energy counter is read. On the real H200 driver one read of
 * `nvmlDeviceGetTotalEnergyConsumption` costs ~4 ms of CPU (bench/RESULTS.md), four times the rest of a
 * sample, so the NVML reader reads it every ENERGY_COUNTER_PERIOD_MS and marks the samples between as
 * "not read". Energy stays exact: the counter is cumulative, and the integrator splits each delta over the
 * samples it spans along their power curve. The price: the ledger's energy lags up to the period behind
 * the live power (which every sample still reads).
 */

/** Read the counter at most this often (the first sample always reads it). */
export const ENERGY_COUNTER_PERIOD_MS = 5_000;

/** A reader's timer jitters: a counter due within this much of the period is read now, not a sample later. */
export const ENERGY_COUNTER_PERIOD_SLACK_MS = 250;

/**
 * Readings held for the next counter read are booked from power instead once they span more than this
 * (the counter did not come back): the ledger never lags further.
 */
export const MAX_HELD_COUNTER_MS = 3 * ENERGY_COUNTER_PERIOD_MS;

/** The marker of a reading whose counter was not read this sample (distinct from null: unsupported or an error). */
export const COUNTER_NOT_READ = 'not-read';
export type CounterNotRead = typeof COUNTER_NOT_READ;
