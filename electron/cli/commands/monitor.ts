/**
 * `loadout monitor [--once] [--json] [--interval MS] [--count N] [--lang en|pt-BR]`: live GPU, CPU and RAM
 * readings, as a table or as one JSON object per line (the HardwareSample shape). Ends on --count, Ctrl+C or a
 * closed pipe. While the NVIDIA driver is starting or restarting it says so, and the GPU columns come back by themselves.
 */
import type { GpuSample, HardwareSample } from '../../../shared/hardware/sample';
import { UI_LANGUAGES, type UiLanguage, resolveUiLanguage } from '../../../shared/i18n/languages';
import { createHardwareMonitor } from '../../core/hardware/hardware-monitor';
import { checkMachineFlags, MACHINE_OPTION } from '../attach/machine-flags';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { createSampleNotes } from '../monitor-sample-notes';
import { parseCommandArgs, positiveInt } from '../parse-args';
import { takeMonitorCpuWindow } from './monitor-cpu-window';

const USAGE =
  'monitor [--once] [--json] [--interval MS] [--count N] [--no-ledger] [--standalone] [--lang en|pt-BR] [--machine NAME]';
const GIB = 1024 ** 3;
/**
 * `--once`'s CPU window. It opens as the command is dispatched and runs beside its imports and the GPU open (NVML, or nvidia-smi's
 * first row), and the command's own CPU time is left out of it. 200 ms is 20 of Linux's 10-ms ticks per
 * core (13 of Windows' 15.6-ms ones), and the output says it covers that long.
 */
export const ONCE_CPU_WINDOW_MS = 200;

const dash = '—';
const num = (x: number | null | undefined, digits = 0) => (x === null || x === undefined ? dash : x.toFixed(digits));
const gib = (x: number | null | undefined) => (x === null || x === undefined ? dash : (x / GIB).toFixed(1));

/** The JSON line: the issue's key order first, then the extra fields (`cpuWindowMs`: how long `--once`'s CPU % covers). */
export function sampleToJsonLine(sample: HardwareSample, more: { cpuWindowMs?: number } = {}): string {
  const { timestamp, cpu, memory, gpus, gpuSource, gpuUnavailableReason, ...extra } = sample;
  return JSON.stringify({ timestamp, cpu, memory, gpus, gpuSource, gpuUnavailableReason, ...extra, ...more });
}

const COLUMNS: Array<[string, number]> = [
  ['time', 8],
  ['CPU %', 6],
  ['RAM GiB', 11],
  ['GPU', 4],
  ['util %', 6],
  ['VRAM GiB', 13],
  ['temp C', 6],
  ['power W', 11],
  ['SM/mem MHz', 11],
  ['P', 4],
];

/** The table header line. */
export function tableHeader(): string {
  return COLUMNS.map(([title, width]) => title.padEnd(width))
    .join(' ')
    .trimEnd();
}

function gpuCells(g: GpuSample | undefined): string[] {
  if (!g) return ['-', dash, dash, dash, dash, dash, dash];
  return [
    String(g.index),
    num(g.utilizationPercent),
    `${gib(g.memoryUsedBytes)}/${gib(g.memoryTotalBytes)}`,
    num(g.temperatureC),
    `${num(g.powerW, 1)}/${num(g.powerLimitW)}`,
    `${num(g.clockSmMHz)}/${num(g.clockMemMHz)}`,
    g.pstate ?? dash,
  ];
}

/** Local HH:MM:SS (24 h), by hand: the first Intl time format costs ~25 ms of ICU start, a tenth of `--once`. */
export function clockTime(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** One sample as table rows: the first row has time, CPU and RAM; each further GPU gets its own row. */
export function sampleToTableRows(sample: HardwareSample): string[] {
  const time = clockTime(new Date(sample.timestamp));
  const head = [
    time,
    num(sample.cpu.loadPercent, 1),
    `${gib(sample.memory.usedBytes)}/${gib(sample.memory.totalBytes)}`,
  ];
  const gpus = sample.gpus.length ? sample.gpus : [undefined];
  return gpus.map((g, i) => {
    const cells = [...(i === 0 ? head : ['', '', '']), ...gpuCells(g)];
    return cells
      .map((c, j) => c.padEnd(COLUMNS[j]?.[1] ?? 0))
      .join(' ')
      .trimEnd();
  });
}

/** How long `monitor --once --machine` waits for an agent that has not sampled yet (it samples every second). */
const FIRST_SAMPLE_WAIT_MS = 10_000;

/** `monitor --once --machine NAME`: the agent's latest sample, printed as one reading here is. */
async function machineReading(
  io: CliIo,
  name: string,
  json: boolean | undefined,
  language: UiLanguage,
): Promise<number> {
  // Loaded here: the agent connection (ws, the contract's schemas, settings) is for --machine only.
  const { withMachineTarget } = await import('../attach/machine-target');
  return withMachineTarget(io, name, 'monitor', async ({ client }) => {
    const until = Date.now() + FIRST_SAMPLE_WAIT_MS;
    for (;;) {
      const latest = await client.call('hardware.latest', undefined);
      if (!latest.ok) {
        io.stderr.write(`loadout monitor: ${latest.error.message}\n`);
        return 1;
      }
      const sample = latest.result;
      if (sample) {
        if (json) io.stdout.write(`${sampleToJsonLine(sample)}\n`);
        else {
          for (const note of createSampleNotes(language)(sample)) io.stderr.write(`note: ${note}\n`);
          io.stdout.write(`${tableHeader()}\n${sampleToTableRows(sample).join('\n')}\n`);
        }
        return 0;
      }
      if (Date.now() >= until || io.signal.aborted) {
        io.stderr.write(
          `loadout monitor: "${name}" has no hardware reading yet after ${FIRST_SAMPLE_WAIT_MS / 1000} s; its sampler may be off. Try again, or look at \`loadout machines\`.\n`,
        );
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
}

/** --lang, else the terminal's locale (LC_ALL, LC_MESSAGES, LANG): the language of the notes. */
function noteLanguage(value: string | undefined, env: NodeJS.ProcessEnv): UiLanguage {
  if (value === undefined)
    return resolveUiLanguage(
      'auto',
      [env.LC_ALL, env.LC_MESSAGES, env.LANG].filter((l): l is string => !!l),
    );
  const match = UI_LANGUAGES.find((l) => l.toLowerCase() === value.toLowerCase());
  if (!match) throw new UsageError(`--lang must be one of ${UI_LANGUAGES.join(', ')}, got "${value}".`, USAGE);
  return match;
}

export const monitorCommand: CliCommand = {
  name: 'monitor',
  summary: 'Live GPU (NVML or nvidia-smi), CPU and RAM readings; --json prints one object per line.',
  usage: USAGE,
  async run(args, io) {
    // The CPU figure needs two tick readings apart: the window opened as the command was dispatched.
    const cpuMemory = takeMonitorCpuWindow();
    const { values } = parseCommandArgs(
      args,
      {
        once: { type: 'boolean' },
        json: { type: 'boolean' },
        interval: { type: 'string' },
        count: { type: 'string' },
        'no-ledger': { type: 'boolean' },
        lang: { type: 'string' },
        ...STANDALONE_OPTION,
        ...MACHINE_OPTION,
      },
      USAGE,
    );
    checkMachineFlags(values, USAGE);
    const intervalMs = positiveInt(values.interval, '--interval', USAGE) ?? 1000;
    if (intervalMs < 100 || intervalMs > 60_000)
      throw new UsageError(
        `--interval is in milliseconds, from 100 to 60000 (got ${intervalMs}); for one reading a second type --interval 1000.`,
        USAGE,
      );
    const count = positiveInt(values.count, '--count', USAGE);
    if (values.once && count !== undefined && count !== 1)
      throw new UsageError('--once prints one reading; use either --once or --count N.', USAGE);
    const limit = values.once ? 1 : (count ?? Infinity);
    const language = noteLanguage(values.lang, io.env);
    if (values.machine !== undefined) {
      if (values.once) return machineReading(io, values.machine, values.json, language);
      // Loaded here, as for --once: the agent connection is for --machine only.
      const { monitorMachine } = await import('../attach/monitor-through');
      const print = {
        header: tableHeader,
        rows: sampleToTableRows,
        jsonLine: (s: HardwareSample) => sampleToJsonLine(s),
      };
      return monitorMachine(io, values.machine, print, {
        json: values.json,
        limit,
        language,
        intervalGiven: values.interval !== undefined,
      });
    }

    // With the tray app or serve running, its own samples (no second nvidia-smi; its ledger writer books the energy).
    const attached = await attachUnlessStandalone(io, values);
    if (attached && values.interval !== undefined)
      io.stderr.write(
        `note: the running Loadout (pid ${attached.announce.pid}) sets the sampling interval; --interval applies with --standalone.\n`,
      );
    const monitor = attached
      ? null
      : createHardwareMonitor({
          intervalMs,
          env: io.env,
          cpuMemory,
          keepCpuWindow: true,
          // One reading: NVML on the loop, since a worker thread's start costs more than the calls it would move.
          ...(values.once ? { firstCpuWindowMs: ONCE_CPU_WINDOW_MS, nvmlOnLoop: true } : {}),
        });
    // Energy goes to the ledger while the monitor runs (one reading alone measures nothing).
    const stopLedger =
      !monitor || values.once || values['no-ledger']
        ? null
        : // Loaded only when it records: the ledger brings the settings store (conf) and the database.
          (await import('../../core/energy/monitor-energy')).recordMonitorEnergy(monitor, io.env, (m) =>
            io.stderr.write(`note: ${m}\n`),
          );
    let appGone = false;
    let lastTimestamp = '';
    let printed = 0;
    const notesOf = createSampleNotes(language);
    if (!values.json) io.stdout.write(`${tableHeader()}\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
      const onSample = (sample: HardwareSample) => {
        // The running app's latest sample and its next event may cross: print each reading once, in order.
        if (printed >= limit || io.signal.aborted || Date.parse(sample.timestamp) <= Date.parse(lastTimestamp)) return;
        lastTimestamp = sample.timestamp;
        printed++;
        // A one-shot reading's CPU figure covers a short window: say how long (the app's samples cover its interval).
        const cpuWindowMs = monitor && values.once ? cpuMemory.lastWindowMs : null;
        if (values.json) io.stdout.write(`${sampleToJsonLine(sample, cpuWindowMs === null ? {} : { cpuWindowMs })}\n`);
        else {
          if (cpuWindowMs !== null)
            io.stderr.write(
              `note: CPU % is over the ${cpuWindowMs} ms this reading took, without loadout's own CPU time.\n`,
            );
          for (const note of notesOf(sample)) io.stderr.write(`note: ${note}\n`);
          io.stdout.write(`${sampleToTableRows(sample).join('\n')}\n`);
        }
        if (printed >= limit) resolve();
      };
      if (monitor) {
        monitor.subscribe(onSample);
        return monitor.start();
      }
      const { client, closed } = attached!;
      client.on('hardware.sample', onSample);
      void client
        .call('hardware.latest', undefined)
        .then((latest) => latest.ok && latest.result && onSample(latest.result));
      void closed.then(() => {
        appGone = true;
        resolve();
      });
    });
    await monitor?.stop();
    await stopLedger?.();
    await attached?.close();
    if (appGone && printed < limit && !io.signal.aborted) {
      io.stderr.write(
        `loadout monitor: the running Loadout (pid ${attached!.announce.pid}) stopped; run the command again to read the hardware here.\n`,
      );
      return 1;
    }
    return 0;
  },
};
