/**
 * `loadout monitor --machine NAME` (live): another machine's readings as they come, through its agent
 * (directly, or through the running Loadout's `fleet.call` as the windows' machine monitor does). Each
 * new sample is printed once, in order: from the agent's `hardware.sample` events where they reach us
 * (a direct socket) and from polling `hardware.latest` (the relay carries no samples between calls).
 * Ends on --count or Ctrl+C (exit 0); an agent that stops answering is said, exit 1.
 */
import type { HardwareSample } from '../../../shared/hardware/sample';
import type { UiLanguage } from '../../../shared/i18n/languages';
import type { CliIo } from '../command';
import { createSampleNotes } from '../monitor-sample-notes';
import { withMachineTarget } from './machine-target';

/** How often the agent's latest sample is read: twice per its default 1-s sampling, so none is skipped. */
export const MACHINE_POLL_MS = 500;

/** How a sample is printed (monitor.ts's table and JSON line, passed in so this file does not import the command). */
export interface SamplePrinting {
  header(): string;
  rows(sample: HardwareSample): string[];
  jsonLine(sample: HardwareSample): string;
}

export interface MonitorMachineOptions {
  json?: boolean;
  /** Readings to print before ending (Infinity: until Ctrl+C). */
  limit: number;
  language: UiLanguage;
  /** --interval was given: the agent samples at its own interval, which is said once. */
  intervalGiven?: boolean;
  pollMs?: number;
}

/** Stream machine `name`'s readings; resolves to the exit code. */
export function monitorMachine(
  io: CliIo,
  name: string,
  print: SamplePrinting,
  { json, limit, language, intervalGiven, pollMs = MACHINE_POLL_MS }: MonitorMachineOptions,
): Promise<number> {
  return withMachineTarget(io, name, 'monitor', async ({ client }) => {
    if (intervalGiven)
      io.stderr.write(`note: "${name}" samples at its own interval; --interval applies on this machine only.\n`);
    if (!json) io.stdout.write(`${print.header()}\n`);
    let printed = 0;
    let lastTime = -Infinity;
    const notesOf = createSampleNotes(language);
    let dropped: string | null = null;
    const onSample = (sample: HardwareSample) => {
      const time = Date.parse(sample.timestamp);
      // Events and polls cross: each reading once, never an older one after a newer.
      if (printed >= limit || io.signal.aborted || !(time > lastTime)) return;
      lastTime = time;
      printed++;
      if (json) io.stdout.write(`${print.jsonLine(sample)}\n`);
      else {
        for (const note of notesOf(sample)) io.stderr.write(`note: ${note}\n`);
        io.stdout.write(`${print.rows(sample).join('\n')}\n`);
      }
    };
    const off = client.on('hardware.sample', onSample);
    try {
      while (printed < limit && !io.signal.aborted) {
        const latest = await client.call('hardware.latest', undefined);
        if (io.signal.aborted) break;
        if (!latest.ok) {
          dropped = latest.error.message;
          break;
        }
        if (latest.result) onSample(latest.result);
        if (printed >= limit) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, pollMs);
          function done() {
            clearTimeout(timer);
            io.signal.removeEventListener('abort', done);
            resolve();
          }
          io.signal.addEventListener('abort', done, { once: true });
        });
      }
    } finally {
      off();
    }
    if (dropped === null) return 0;
    io.stderr.write(
      `loadout monitor: "${name}" stopped answering after ${printed} reading${printed === 1 ? '' : 's'} (${dropped.replace(/\.$/, '')}). See whether it is back with \`loadout machines\`, then run the command again.\n`,
    );
    return 1;
  });
}
