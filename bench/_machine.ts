/** The machine a bench ran on, said the same way by every bench: a figure means little without it. */
import os from 'node:os';

/** The 1, 5 and 15 minute load averages ("3.58 / 2.59 / 2.49"): others' work on shared cores skews the figures. */
export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** CPU model, cores, memory, load average, Node and OS, on one line. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${loadAverage()}, Node ${process.version}, ${os.type()} ${os.release()}`;
}
