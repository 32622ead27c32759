/**
 * `loadout bench`: benchmark a model the user's way (the checklist and template of their document),
 * keep the results, rate them, export them.
 *
 *   loadout bench MODEL [--context N] [--gpu max|off|0..1] [--runs N] [--keep-loaded] [--json]
 *                       [--rating 1-5] [--best-for TEXT] [--issues TEXT] [--notes TEXT] [--lang pt-BR|en]
 *                       [--machine NAME] [--standalone] [--lmstudio URL]
 *     (a run goes through the running Loadout, if one runs; on another machine's agent with --machine)
 *   loadout bench list [--json]
 *   loadout bench export [--format md|csv] [--lang pt-BR|en] [ID...]
 *   loadout bench rate ID [--rating 1-5] [--best-for TEXT] [--issues TEXT] [--notes TEXT]
 *   loadout bench delete ID
 */
import { formatEnergyNumber } from '../../../shared/energy/format-energy';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchExportLocale } from '../../../shared/bench/bench-export-strings';
import type { BenchResult, EstimateVerdict } from '../../../shared/bench/bench-record';
import { formatSpeed, renderBenchMarkdown } from '../../../shared/bench/render-bench-markdown';
import type { ContractClient } from '../../../shared/contract';
import type { BenchProgress, BenchRateRequest } from '../../../shared/contract/bench';
import type { GpuOffload } from '../../../shared/presets/schema';
import { isBenchError } from '../../core/bench/bench-errors';
import type { BenchRunnerDeps } from '../../core/bench/bench-runner';
import type { BenchService } from '../../core/bench/bench-service';
import { DATABASE_FILE } from '../../core/db/open-database';
import { resolveDataDir } from '../../core/paths';
import { type CliCommand, type CliIo, UsageError } from '../command';
import { benchThrough } from '../attach/bench-through';
import { checkMachineFlags, MACHINE_OPTION, withMachineTarget } from '../attach/machine-target';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { LMSTUDIO_OPTION, openCliCore } from '../open-cli-core';
import { parseCommandArgs, positiveInt } from '../parse-args';
import { OUTPUT_OPTION, writeDocument } from '../write-output';

const USAGE = [
  'bench MODEL [--context N] [--gpu max|off|0..1] [--runs N] [--keep-loaded] [--json] [--rating 1-5] [--best-for TEXT] [--issues TEXT] [--notes TEXT] [--lang pt-BR|en] [--machine NAME] [--standalone] [--lmstudio URL]',
  '       loadout bench list [--json]',
  '       loadout bench export [--format md|csv] [--lang pt-BR|en] [--output FILE] [ID...]',
  '       loadout bench rate ID [--rating 1-5] [--best-for TEXT] [--issues TEXT] [--notes TEXT]',
  '       loadout bench delete ID',
].join('\n');

/** The service and what to release afterwards. */
export interface BenchContext {
  bench: BenchService;
  /** Start telemetry for a run (the hardware monitor). */
  startTelemetry(): void;
  dispose(): Promise<void>;
}

export interface BenchCommandDeps {
  /** Builds the service for one invocation (tests inject a runner with short answers); `lmstudioUrl` is `--lmstudio`. */
  open: (io: CliIo, lmstudioUrl?: string) => BenchContext;
}

/**
 * The default context: the app core (settings, LM Studio client, presets, hardware monitor) and the results
 * store in the data folder. Through the core, the run's samples feed the energy ledger like `loadout monitor`
 * does, so `loadout energy` counts the benchmark. The answers are not recorded as ledger requests: that waits
 * for a reading after each answer (about a second a prompt), and the run measures its own energy per run.
 */
export function openBenchContext(
  io: CliIo,
  runner?: Partial<Pick<BenchRunnerDeps, 'suite' | 'warmupTokens' | 'sampleWaitMs'>>,
  lmstudioUrl?: string,
): BenchContext {
  const note = (m: string) => io.stderr.write(`note: ${m}\n`);
  const core = openCliCore(io, lmstudioUrl, 'bench', { bench: { runner, onMessage: note, recordAnswerEnergy: false } });
  return {
    bench: core.bench,
    startTelemetry: () => core.hardware.start(),
    dispose: () => core.dispose(),
  };
}

/** "max", "off" or a ratio 0..1 (also "50%"); a UsageError otherwise. */
export function parseGpuOffload(value: string | undefined): GpuOffload | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'max' || v === 'off') return v;
  const n = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (v === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new UsageError(`--gpu takes max, off or a ratio from 0 to 1 (e.g. 0.5), got "${value}".`, USAGE);
  return n;
}

function parseRating(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 5)
    throw new UsageError(`--rating takes a whole number of stars from 1 to 5, got "${value}".`, USAGE);
  return n;
}

function parseLang(value: string | undefined): BenchExportLocale {
  if (value === undefined) return 'pt-BR';
  const v = value.toLowerCase();
  if (v === 'pt-br' || v === 'pt') return 'pt-BR';
  if (v === 'en') return 'en';
  throw new UsageError(`--lang takes pt-BR or en, got "${value}".`, USAGE);
}

function parseId(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n <= 0)
    throw new UsageError(
      `${what} needs a result id (a positive number, see \`loadout bench list\`), got ${value === undefined ? 'nothing' : `"${value}"`}.`,
      USAGE,
    );
  return n;
}

const HUMAN_FLAGS = {
  rating: { type: 'string' },
  'best-for': { type: 'string' },
  issues: { type: 'string' },
  notes: { type: 'string' },
} as const;

function humanOf(values: {
  rating?: string;
  'best-for'?: string;
  issues?: string;
  notes?: string;
}): Omit<BenchRateRequest, 'id'> | null {
  const h: Omit<BenchRateRequest, 'id'> = {};
  const rating = parseRating(values.rating);
  if (rating !== undefined) h.rating = rating;
  if (values['best-for'] !== undefined) h.bestFor = values['best-for'];
  if (values.issues !== undefined) h.issues = values.issues;
  if (values.notes !== undefined) h.notes = values.notes;
  return Object.keys(h).length ? h : null;
}

const verdictWord = (e: EstimateVerdict) =>
  ({ inside: 'inside', below: 'BELOW', above: 'ABOVE', unmeasured: 'not measured' })[e.verdict];
const num = (v: number | null, digits = 0) => (v === null ? '—' : v.toFixed(digits));

/** The per-prompt table and the comparison lines printed after the template block. */
export function renderRunDetails(r: BenchResult): string {
  const header = ['prompt', 'tok/s', 'spread', 'TTFT ms', 'prompt tok/s', 'prompt tokens', 'tokens'];
  const rows = r.prompts.map((p) => [
    p.promptId,
    p.tokensPerSecond.median === null ? '—' : formatSpeed(p.tokensPerSecond.median),
    p.tokensPerSecond.spreadPercent === null ? '—' : `${p.tokensPerSecond.spreadPercent.toFixed(1)} %`,
    num(p.ttftMs.median),
    num(p.promptTokensPerSecond.median),
    num(p.promptTokens),
    num(p.completionTokens),
  ]);
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const fmt = (row: string[]) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const lines = [`Per prompt (median of ${r.runs} run${r.runs === 1 ? '' : 's'}):`, fmt(header), ...rows.map(fmt), ''];
  const s = r.summary.tokensPerSecond;
  lines.push(
    `Speed: ${s.median === null ? '—' : `${formatSpeed(s.median)} tok/s`} (min ${num(s.min, 1)}, max ${num(s.max, 1)}); device ${r.device.toUpperCase()}: ${r.deviceReason}.`,
  );
  const doc = r.estimates.document;
  lines.push(
    `Document estimate: ${doc ? `${r.estimates.documentNote} → ${verdictWord(doc)}` : r.estimates.documentNote}`,
  );
  const own = r.estimates.loadout;
  lines.push(`Loadout estimate: ${own ? `${r.estimates.loadoutNote} → ${verdictWord(own)}` : r.estimates.loadoutNote}`);
  const e = r.energy;
  lines.push(
    `Energy: ${e.totalWh === null ? `not measured (${(e.unavailableReason ?? 'no GPU readings').replace(/\.$/, '')})` : `${formatEnergyNumber(e.whPerRun!, 'en-US', 3)} Wh per run, ${e.whPer1kTokens === null ? '—' : formatEnergyNumber(e.whPer1kTokens, 'en-US', 3)} Wh per 1k tokens (${e.method === 'counter' ? 'hardware counter' : 'integrated from power.draw'})`}.`,
  );
  const gb = (b: number | null) => (b === null ? '—' : `${(b / 1e9).toFixed(1)} GB`);
  lines.push(
    `Peak VRAM ${gb(r.telemetry.peakVramBytes)}, peak RAM ${gb(r.telemetry.peakRamBytes)} (${r.telemetry.samples} samples, ${r.telemetry.gpuSource}).`,
  );
  return `${lines.join('\n')}\n`;
}

/** Whether loadout.db exists: listing results never creates it. */
function hasDatabase(io: CliIo): boolean {
  return fs.existsSync(path.join(resolveDataDir(io.env), DATABASE_FILE));
}

async function withContext<T>(
  open: BenchCommandDeps['open'],
  io: CliIo,
  work: (ctx: BenchContext) => Promise<T> | T,
  lmstudioUrl?: string,
): Promise<T> {
  const ctx = open(io, lmstudioUrl);
  try {
    return await work(ctx);
  } finally {
    await ctx.dispose();
  }
}

function progressLine(p: BenchProgress): string | null {
  // A failure's message is printed once, as the command's error.
  if (p.phase === 'failed' || p.phase === 'cancelled') return null;
  if (p.phase === 'running' && p.lastTokensPerSecond === null) return null;
  if (p.phase === 'running')
    return `  [${p.step}/${p.total}] ${p.promptId} run ${p.repetition}: ${formatSpeed(p.lastTokensPerSecond!)} tok/s`;
  return p.message ? `${p.phase}: ${p.message}` : null;
}

/** Build the `bench` command; tests inject how the service is opened. */
export function createBenchCommand(deps: Partial<BenchCommandDeps> = {}): CliCommand {
  const open = deps.open ?? ((io: CliIo, lmstudioUrl?: string) => openBenchContext(io, undefined, lmstudioUrl));
  return {
    name: 'bench',
    summary:
      'Benchmark a model (speed, first-token latency, memory, energy vs. the estimates), keep, rate and export results.',
    usage: USAGE,
    async run(args, io) {
      const sub = args[0];
      const fail = (error: unknown) => {
        if (!isBenchError(error)) throw error;
        io.stderr.write(`${error.message}\n`);
        return 1;
      };
      if (sub === 'list') {
        const { values } = parseCommandArgs(args.slice(1), { json: { type: 'boolean' } }, USAGE);
        if (!hasDatabase(io)) {
          io.stdout.write(values.json ? '[]\n' : 'No benchmark results yet. Run one: loadout bench MODEL\n');
          return 0;
        }
        return withContext(open, io, ({ bench }) => {
          const results = bench.list();
          if (values.json) io.stdout.write(`${JSON.stringify(results)}\n`);
          else if (!results.length) io.stdout.write('No benchmark results yet. Run one: loadout bench MODEL\n');
          else {
            for (const r of results) {
              const tps = r.summary.tokensPerSecond.median;
              const stars = r.human.rating === null ? 'not rated' : `${r.human.rating}/5`;
              io.stdout.write(
                `#${r.id}  ${r.startedAt.slice(0, 16).replace('T', ' ')}  ${r.model.key} ${r.model.quantization ?? ''}  ${r.device.toUpperCase()}  ${tps === null ? '—' : formatSpeed(tps)} tok/s  TTFT ${num(r.summary.ttftMs.median)}ms  ${stars}\n`,
              );
            }
          }
          return 0;
        });
      }
      if (sub === 'export') {
        const { values, positionals } = parseCommandArgs(
          args.slice(1),
          { format: { type: 'string' }, lang: { type: 'string' }, ...OUTPUT_OPTION },
          USAGE,
          true,
        );
        const format = values.format ?? 'md';
        if (format !== 'md' && format !== 'csv')
          throw new UsageError(`--format takes md or csv, got "${format}".`, USAGE);
        const ids = positionals.map((p) => parseId(p, 'bench export'));
        const locale = parseLang(values.lang);
        return withContext(open, io, ({ bench }) => {
          try {
            const out = bench.export({ format, ids, locale });
            if (!out.text.trim() || (format === 'csv' && out.text.split('\r\n').filter(Boolean).length === 1))
              io.stderr.write('note: no benchmark results yet; run one with `loadout bench MODEL`.\n');
            return writeDocument(io, 'bench', out.text, values.output) ? 0 : 1;
          } catch (error) {
            return fail(error);
          }
        });
      }
      if (sub === 'rate') {
        const { values, positionals } = parseCommandArgs(args.slice(1), HUMAN_FLAGS, USAGE, true);
        if (positionals.length !== 1) throw new UsageError('bench rate takes one result id.', USAGE);
        const id = parseId(positionals[0], 'bench rate');
        const human = humanOf(values);
        if (!human)
          throw new UsageError('bench rate needs at least one of --rating, --best-for, --issues, --notes.', USAGE);
        return withContext(open, io, ({ bench }) => {
          try {
            io.stdout.write(renderBenchMarkdown(bench.rate({ id, ...human })));
            return 0;
          } catch (error) {
            return fail(error);
          }
        });
      }
      if (sub === 'delete') {
        const { positionals } = parseCommandArgs(args.slice(1), {}, USAGE, true);
        if (positionals.length !== 1) throw new UsageError('bench delete takes one result id.', USAGE);
        const id = parseId(positionals[0], 'bench delete');
        return withContext(open, io, ({ bench }) => {
          if (bench.delete(id)) {
            io.stdout.write(`Deleted benchmark result #${id}.\n`);
            return 0;
          }
          io.stderr.write(`No benchmark result #${id}; \`loadout bench list\` shows the stored ones.\n`);
          return 1;
        });
      }

      const { values, positionals } = parseCommandArgs(
        args,
        {
          context: { type: 'string' },
          gpu: { type: 'string' },
          runs: { type: 'string' },
          'keep-loaded': { type: 'boolean' },
          json: { type: 'boolean' },
          lang: { type: 'string' },
          ...STANDALONE_OPTION,
          ...LMSTUDIO_OPTION,
          ...HUMAN_FLAGS,
          ...MACHINE_OPTION,
        },
        USAGE,
        true,
      );
      checkMachineFlags(values, USAGE);
      if (positionals.length !== 1)
        throw new UsageError(
          positionals.length
            ? `bench takes one model key, got ${positionals.length}: ${positionals.join(' ')}.`
            : 'bench needs a model key (see `loadout models`).',
          USAGE,
        );
      const runs = positiveInt(values.runs, '--runs', USAGE) ?? 3;
      if (runs > 20) throw new UsageError(`--runs takes 1 to 20, got ${runs}.`, USAGE);
      const contextLength = positiveInt(values.context, '--context', USAGE);
      const gpuOffload = parseGpuOffload(values.gpu);
      const human = humanOf(values);
      const locale = parseLang(values.lang);
      const request = {
        modelKey: positionals[0]!,
        runs,
        keepLoaded: values['keep-loaded'] ?? false,
        ...(contextLength ? { contextLength } : {}),
        ...(gpuOffload !== undefined ? { gpuOffload } : {}),
      };
      const onProgress = (p: BenchProgress) => {
        const line = progressLine(p);
        if (line) io.stderr.write(`${line}\n`);
      };
      const print = (result: BenchResult) => {
        if (values.json) {
          io.stdout.write(`${JSON.stringify(result)}\n`);
          return 0;
        }
        io.stdout.write(`${renderBenchMarkdown(result, locale)}\n${renderRunDetails(result)}\n`);
        io.stdout.write(
          `Stored as #${result.id}. Export: loadout bench export ${result.id}${human ? '' : `   Rate: loadout bench rate ${result.id} --rating 4 --best-for "..." --issues "..."`}\n`,
        );
        return 0;
      };
      const through = async (target: { client: ContractClient }) => {
        const outcome = await benchThrough(target, io, request, human, onProgress);
        if (outcome.ok) return print(outcome.result);
        io.stderr.write(`${outcome.message}\n`);
        return 1;
      };
      // On another machine its agent runs it, keeps the result and books the energy in its own ledger.
      if (values.machine !== undefined) return withMachineTarget(io, values.machine, 'bench', through);
      // The run goes through the running Loadout, if one runs: its core owns the model, the sampler and the ledger.
      const attached = await attachUnlessStandalone(io, values);
      if (attached) {
        try {
          return await through(attached);
        } finally {
          await attached.close();
        }
      }
      return withContext(
        open,
        io,
        async (ctx) => {
          ctx.startTelemetry();
          try {
            let result = await ctx.bench.run(request, { signal: io.signal, onProgress });
            if (human) result = ctx.bench.rate({ id: result.id, ...human });
            return print(result);
          } catch (error) {
            return fail(error);
          }
        },
        values.lmstudio,
      );
    },
  };
}

export const benchCommand = createBenchCommand();
