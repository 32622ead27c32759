/**
 * The MCP tools' arguments and structured results, as zod schemas: the JSON Schema a client sees in
 * `tools/list` is generated from these, and `tools/call` parses the arguments with the same ones, so
 * the advertised shape and the accepted shape cannot drift apart. Argument names follow the issue
 * (snake_case, as agents write them); results reuse the contract's camelCase names.
 */
import { z } from 'zod';
import { ASK_TASKS } from '../../shared/contract/delegation';

export const AskArgs = z.strictObject({
  prompt: z
    .string()
    .min(1, 'give the prompt to answer')
    .describe('The work to hand to a local model: the whole question, with the text it is about.'),
  task: z
    .enum(ASK_TASKS)
    .optional()
    .describe('What kind of work this is; absent = the router guesses from the prompt.'),
  model: z.string().min(1).optional().describe('"auto" (default) lets the router pick; a model key forces that model.'),
  system: z.string().optional().describe('A system prompt for the local model.'),
  max_tokens: z.number().int().positive().optional().describe("The answer's length limit in tokens."),
  json_schema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('A JSON Schema the answer must follow (LM Studio structured output); the answer is checked against it.'),
  files: z
    .array(z.string().min(1))
    .max(32)
    .optional()
    .describe('Paths of files on this machine to add to the prompt (only under the folders the user allowed).'),
});

export const AskOutput = z.object({
  answered: z.boolean(),
  declined: z.boolean(),
  reason: z.string(),
  text: z.string(),
  model: z.string().nullable(),
  machine: z.string(),
  confidence: z.number().nullable(),
  task: z.string(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  ttftMs: z.number().nullable(),
  tokensPerSecond: z.number().nullable(),
  energyWh: z.number().nullable(),
  costLocal: z.number().nullable(),
  cloudCostAvoided: z.number().nullable(),
  structured: z.unknown().optional(),
});

export const RouteArgs = z.strictObject({
  prompt: z.string().min(1, 'give the prompt to route').describe('The prompt to decide on; no model is called.'),
  model: z.string().min(1).optional().describe('"auto" (default) or a model key to check.'),
});

const RouteOption = z.object({
  modelKey: z.string(),
  displayName: z.string(),
  loaded: z.boolean(),
  machine: z.string(),
  score: z.number(),
  reason: z.string(),
});
export const RouteOutput = z.object({
  choice: RouteOption.nullable(),
  runnersUp: z.array(RouteOption),
  reason: z.string(),
  task: z.string(),
  confidence: z.number(),
});

export const NoArgs = z.strictObject({});

const nnum = z.number().nullable();
const BenchEvidence = z.object({
  benchmarks: z.number().int(),
  tokensPerSecond: nnum,
  ttftMs: nnum,
  whPer1kTokens: nnum,
  rating: nnum,
  bestFor: z.string().nullable(),
  issues: z.string().nullable(),
});
export const ModelsOutput = z.object({
  reachable: z.boolean(),
  message: z.string().nullable(),
  models: z.array(
    z.object({
      key: z.string(),
      displayName: z.string(),
      type: z.string(),
      sizeBytes: nnum,
      quantization: z.string().nullable(),
      params: z.string().nullable(),
      maxContextLength: nnum,
      capabilities: z.object({ vision: z.boolean(), toolUse: z.boolean(), reasoning: z.boolean() }),
      loaded: z.array(z.object({ instanceId: z.string(), contextLength: nnum, busy: z.boolean() })),
      evidence: BenchEvidence,
    }),
  ),
});

const Money = z.object({ amount: z.number(), currency: z.string() }).nullable();
export const StatusOutput = z.object({
  gpus: z.array(
    z.object({
      name: z.string().nullable(),
      utilizationPercent: nnum,
      vramUsedBytes: nnum,
      vramTotalBytes: nnum,
      temperatureC: nnum,
      powerW: nnum,
    }),
  ),
  gpuUnavailableReason: z.string().nullable(),
  lmStudio: z.object({ reachable: z.boolean(), message: z.string().nullable() }),
  loaded: z.array(
    z.object({
      instanceId: z.string(),
      modelKey: z.string(),
      contextLength: nnum,
      busy: z.boolean(),
      pinned: z.boolean(),
    }),
  ),
  activePreset: z.string().nullable(),
  energyToday: z.object({ kWh: z.number(), cost: Money }).nullable(),
});

export const ApplyPresetArgs = z.strictObject({
  preset: z
    .string()
    .min(1, 'give a preset id (see the status tool or `loadout presets`)')
    .describe('The preset id, e.g. "dev" or "gaming".'),
  force: z
    .boolean()
    .optional()
    .describe('Unload models that are still answering instead of refusing. Ask the user first.'),
});

const PlanStep = z.object({ action: z.string(), key: z.string().nullable(), instanceId: z.string().nullable() });
export const SwitchOutput = z.object({
  result: z.enum(['ok', 'refused', 'failed', 'cancelled']),
  message: z.string().nullable(),
  plan: z.array(PlanStep),
  busy: z.array(z.object({ instanceId: z.string(), modelKey: z.string() })),
});

export const UnloadArgs = z.strictObject({
  instance: z.string().min(1).optional().describe('The instance id to unload (see the status tool).'),
  all: z.boolean().optional().describe('Unload every loaded model (pinned ones are spared).'),
  force: z.boolean().optional().describe('Unload models that are still answering. Ask the user first.'),
});

export const UnloadOutput = z.object({
  unloaded: z.array(z.string()),
  busy: z.array(z.object({ instanceId: z.string(), modelKey: z.string() })),
  message: z.string().nullable(),
});

export const EnergyArgs = z.strictObject({
  since: z.enum(['24h', '7d', '30d']).optional().describe('The window (default 24h).'),
  by: z
    .enum(['day', 'week', 'month', 'preset', 'model', 'state'])
    .optional()
    .describe('How to group the rows (default day).'),
});

export const EnergyOutput = z.object({
  from: z.string(),
  to: z.string(),
  kWh: z.number(),
  cost: Money,
  rows: z.array(z.object({ key: z.string(), label: z.string(), kWh: z.number(), cost: Money, avgW: nnum })),
  /** The asks handed over in the same window, per MCP client (the delegation ledger); null when it cannot be read. */
  delegations: z
    .object({
      currency: z.string(),
      tasks: z.number(),
      answered: z.number(),
      completionTokens: z.number(),
      energyWh: z.number(),
      cloudCostAvoided: nnum,
      saved: nnum,
      byClient: z.array(
        z.object({
          client: z.string(),
          tasks: z.number(),
          answered: z.number(),
          declined: z.number(),
          completionTokens: z.number(),
          energyWh: z.number(),
          saved: nnum,
        }),
      ),
    })
    .nullable(),
});

export const BenchmarksArgs = z.strictObject({
  model: z.string().min(1).optional().describe('Only results of models whose key or name contains this.'),
});

export const BenchmarksOutput = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      modelKey: z.string(),
      displayName: z.string(),
      startedAt: z.string(),
      device: z.string(),
      contextLength: nnum,
      tokensPerSecond: nnum,
      ttftMs: nnum,
      whPer1kTokens: nnum,
      rating: nnum,
      bestFor: z.string().nullable(),
    }),
  ),
});
