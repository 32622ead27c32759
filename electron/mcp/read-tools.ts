/**
 * The read-only MCP tools: `route`, `models`, `status`, `energy`, `benchmarks`. Each reads the app
 * API (chat.route, models.*, bench.*, hardware.latest, presets.list, energy.*) and answers a short
 * readable text beside the structured result.
 */
import type { RouteOption } from '../../shared/contract/chat';
import { defineTool, ToolFault, unwrap } from './loadout-tool';
import { describeLoadedModels, latestBench } from './machine-state';
import {
  BenchmarksArgs,
  BenchmarksOutput,
  EnergyArgs,
  EnergyOutput,
  ModelsOutput,
  NoArgs,
  RouteArgs,
  RouteOutput,
  StatusOutput,
} from './tool-schemas';

const GB = 1024 ** 3;
const gb = (bytes: number | null) => (bytes === null ? '?' : `${(bytes / GB).toFixed(1)} GB`);
const money = (m: { amount: number; currency: string } | null) => (m ? ` (${m.amount.toFixed(2)} ${m.currency})` : '');

/** Where a route option would run, in words. */
function machineOf(option: RouteOption): string {
  return option.endpointLabel ?? (option.endpointKind === 'local' ? 'this machine' : option.endpointKind);
}

function routeOption(option: RouteOption) {
  return {
    modelKey: option.modelKey,
    displayName: option.displayName,
    loaded: option.loaded,
    machine: machineOf(option),
    score: option.score,
    reason: option.reason,
  };
}

export const routeTool = defineTool({
  name: 'route',
  title: 'Which local model would answer',
  description: (state) =>
    `Decide which local model would answer a prompt, and why, without calling any model. Use it to check before ask.\n${describeLoadedModels(state)}`,
  input: RouteArgs,
  output: RouteOutput,
  readOnly: true,
  async run(args, { client }) {
    const route = unwrap(
      await client.call('chat.route', { messages: [{ role: 'user', content: args.prompt }], model: args.model }),
    );
    const structured = {
      choice: route.choice ? routeOption(route.choice) : null,
      runnersUp: route.runnersUp.map(routeOption),
      reason: route.reason,
      task: route.task,
      confidence: route.confidence,
    };
    const text = route.choice
      ? `${route.choice.displayName} (${route.choice.modelKey}, ${machineOf(route.choice)}) would answer: ${route.reason} Task ${route.task}, confidence ${route.confidence.toFixed(2)}.`
      : `No local model would take it: ${route.reason}`;
    return { text, structured };
  },
});

export const modelsTool = defineTool({
  name: 'models',
  title: 'Local models and their evidence',
  description: (state) =>
    `List the models downloaded in LM Studio and the loaded ones, with size, quantization, context, capabilities, and measured speed and quality from Loadout's benchmarks.\n${describeLoadedModels(state)}`,
  input: NoArgs,
  output: ModelsOutput,
  readOnly: true,
  async run(_args, { client }) {
    const state = unwrap(await client.call('models.list', undefined));
    if (!state.reachable)
      throw new ToolFault(
        `LM Studio is not reachable: ${state.message ?? 'no answer'}. Start LM Studio (or its server, \`lms server start\`) and try again.`,
      );
    const benchResponse = await client.call('bench.list', undefined);
    const bench = benchResponse.ok ? benchResponse.result : [];
    const models = state.catalog.map((c) => {
      const latest = latestBench(bench, c.key);
      const loaded = state.loaded.filter((l) => l.modelKey === c.key);
      return {
        key: c.key,
        displayName: c.displayName,
        type: c.type,
        sizeBytes: c.sizeBytes,
        quantization: c.quantization,
        params: c.paramsString,
        maxContextLength: c.maxContextLength,
        capabilities: c.capabilities,
        loaded: loaded.map((l) => ({
          instanceId: l.instanceId,
          contextLength: l.contextLength,
          busy: l.status === 'generating' || l.status === 'loading',
        })),
        evidence: {
          benchmarks: bench.filter((b) => b.model.key === c.key).length,
          tokensPerSecond: latest?.summary.tokensPerSecond.median ?? null,
          ttftMs: latest?.summary.ttftMs.median ?? null,
          whPer1kTokens: latest?.energy.whPer1kTokens ?? null,
          rating: latest?.human.rating ?? null,
          bestFor: latest?.human.bestFor ?? null,
          issues: latest?.human.issues ?? null,
        },
      };
    });
    const lines = models.map((m) => {
      const speed =
        m.evidence.tokensPerSecond === null ? 'not benchmarked' : `${Math.round(m.evidence.tokensPerSecond)} tok/s`;
      const loaded = m.loaded.length
        ? ` — loaded (${m.loaded.map((l) => l.instanceId + (l.busy ? ', busy' : '')).join('; ')})`
        : '';
      return `- ${m.key}: ${[m.params, m.quantization, gb(m.sizeBytes)].filter(Boolean).join(' ')}, ctx ${m.maxContextLength ?? '?'}, ${speed}${m.evidence.rating !== null ? `, rated ${m.evidence.rating}/5` : ''}${loaded}`;
    });
    return {
      text: lines.length ? `Models in LM Studio:\n${lines.join('\n')}` : 'No model is downloaded in LM Studio.',
      structured: { reachable: true, message: state.message, models },
    };
  },
});

export const statusTool = defineTool({
  name: 'status',
  title: 'GPU, loaded models, preset and energy now',
  description: () =>
    "This machine now: each GPU's utilization, VRAM, temperature and power; the loaded models and whether they are busy; the active preset; today's energy.",
  input: NoArgs,
  output: StatusOutput,
  readOnly: true,
  async run(_args, { client }) {
    // Each part answers on its own: LM Studio down still shows the GPUs, and the other way round.
    const [sample, models, presets, energy] = await Promise.all([
      client.call('hardware.latest', undefined),
      client.call('models.list', undefined),
      client.call('presets.list', undefined),
      client.call('energy.summary', undefined),
    ]);
    const latest = sample.ok ? sample.result : null;
    const gpus = (latest?.gpus ?? []).map((g) => ({
      name: g.name,
      utilizationPercent: g.utilizationPercent,
      vramUsedBytes: g.memoryUsedBytes,
      vramTotalBytes: g.memoryTotalBytes,
      temperatureC: g.temperatureC,
      powerW: g.powerW,
    }));
    const state = models.ok ? models.result : null;
    const structured = {
      gpus,
      gpuUnavailableReason: latest
        ? latest.gpuUnavailableReason
        : sample.ok
          ? 'no hardware sample yet'
          : sample.error.message,
      lmStudio: {
        reachable: state?.reachable ?? false,
        message: state ? state.message : models.ok ? null : models.error.message,
      },
      loaded: (state?.loaded ?? []).map((l) => ({
        instanceId: l.instanceId,
        modelKey: l.modelKey,
        contextLength: l.contextLength,
        busy: l.status === 'generating' || l.status === 'loading',
        pinned: l.pinned,
      })),
      activePreset: presets.ok ? presets.result.activePresetId : null,
      energyToday: energy.ok ? { kWh: energy.result.today.kWh, cost: energy.result.today.cost } : null,
    };
    const lines = [
      ...(gpus.length
        ? gpus.map(
            (g) =>
              `GPU ${g.name ?? '?'}: ${g.utilizationPercent ?? '?'}% busy, VRAM ${gb(g.vramUsedBytes)} of ${gb(g.vramTotalBytes)}, ${g.temperatureC ?? '?'} °C, ${g.powerW ?? '?'} W`,
          )
        : [`No GPU reading: ${structured.gpuUnavailableReason ?? 'none reported'}`]),
      structured.lmStudio.reachable
        ? `Loaded: ${structured.loaded.length ? structured.loaded.map((l) => `${l.instanceId}${l.busy ? ' (busy)' : ''}`).join(', ') : 'nothing'}`
        : `LM Studio is not reachable: ${structured.lmStudio.message ?? 'no answer'}. Start LM Studio and try again.`,
      `Active preset: ${structured.activePreset ?? 'none'}`,
      structured.energyToday
        ? `Energy today: ${(structured.energyToday.kWh * 1000).toFixed(1)} Wh${money(structured.energyToday.cost)}`
        : 'Energy today: not counted (the ledger is unavailable)',
    ];
    return { text: lines.join('\n'), structured };
  },
});

export const energyTool = defineTool({
  name: 'energy',
  title: 'Energy and cost from the ledger',
  description: () =>
    "The GPU's energy and its cost from Loadout's ledger over the last 24 h, 7 d or 30 d, grouped by day, week, month, preset, model or state, and the work handed to the local models in that window per MCP client (tasks, tokens, Wh, cloud cost avoided).",
  input: EnergyArgs,
  output: EnergyOutput,
  readOnly: true,
  async run(args, { client }) {
    const since = args.since ?? '24h';
    const [reportResponse, delegated] = await Promise.all([
      client.call('energy.report', { since, by: args.by ?? 'day' }),
      client.call('energy.delegations', { since, by: 'client' }),
    ]);
    const report = unwrap(reportResponse);
    const rows = report.rows.map((r) => ({ key: r.key, label: r.label, kWh: r.kWh, cost: r.cost, avgW: r.avgW }));
    const d = delegated.ok ? delegated.result : null;
    const delegations = d && {
      currency: d.currency,
      tasks: d.totals.tasks,
      answered: d.totals.answered,
      completionTokens: d.totals.completionTokens,
      energyWh: d.totals.energyWh,
      cloudCostAvoided: d.totals.cloudCostAvoided,
      saved: d.totals.saved,
      byClient: d.rows.map((r) => ({
        client: r.key,
        tasks: r.tasks,
        answered: r.answered,
        declined: r.declined,
        completionTokens: r.completionTokens,
        energyWh: r.energyWh,
        saved: r.saved,
      })),
    };
    const lines = rows.map((r) => `- ${r.label}: ${(r.kWh * 1000).toFixed(1)} Wh${money(r.cost)}`);
    if (delegations?.tasks) {
      const saved =
        delegations.saved === null ? '' : `, ≈ ${delegations.saved.toFixed(2)} ${delegations.currency} saved`;
      lines.push(
        `Delegated: ${delegations.tasks} tasks (${delegations.answered} answered), ${delegations.completionTokens} tokens, ${delegations.energyWh.toFixed(1)} Wh${saved}`,
      );
    }
    const text = `Energy ${report.from} → ${report.to}: ${(report.kWh * 1000).toFixed(1)} Wh${money(report.cost)}${lines.length ? `\n${lines.join('\n')}` : ''}`;
    return {
      text,
      structured: { from: report.from, to: report.to, kWh: report.kWh, cost: report.cost, rows, delegations },
    };
  },
});

export const benchmarksTool = defineTool({
  name: 'benchmarks',
  title: 'Stored benchmark results',
  description: () =>
    "Loadout's stored benchmark results: speed, time to first token, energy per 1k tokens and the user's quality rating of each model run.",
  input: BenchmarksArgs,
  output: BenchmarksOutput,
  readOnly: true,
  async run(args, { client }) {
    const needle = args.model?.toLowerCase();
    const all = unwrap(await client.call('bench.list', undefined));
    const picked = needle
      ? all.filter(
          (b) => b.model.key.toLowerCase().includes(needle) || b.model.displayName.toLowerCase().includes(needle),
        )
      : all;
    const results = picked.map((b) => ({
      id: b.id,
      modelKey: b.model.key,
      displayName: b.model.displayName,
      startedAt: b.startedAt,
      device: b.device,
      contextLength: b.load.contextLength,
      tokensPerSecond: b.summary.tokensPerSecond.median,
      ttftMs: b.summary.ttftMs.median,
      whPer1kTokens: b.energy.whPer1kTokens,
      rating: b.human.rating,
      bestFor: b.human.bestFor,
    }));
    if (!results.length)
      return {
        text: needle
          ? `No benchmark of a model matching "${args.model}". Run \`loadout bench\` to measure one.`
          : 'No benchmark is stored yet. Run `loadout bench MODEL` to measure one.',
        structured: { results },
      };
    const lines = results.map(
      (r) =>
        `- #${r.id} ${r.modelKey} (${r.device}, ${r.startedAt.slice(0, 10)}): ${r.tokensPerSecond === null ? '?' : Math.round(r.tokensPerSecond)} tok/s, TTFT ${r.ttftMs === null ? '?' : Math.round(r.ttftMs)} ms${r.rating !== null ? `, rated ${r.rating}/5` : ''}${r.bestFor ? `, best for ${r.bestFor}` : ''}`,
    );
    return { text: `Benchmarks:\n${lines.join('\n')}`, structured: { results } };
  },
});
