/**
 * The MCP tools that change what LM Studio holds: `apply_preset` (presets.apply: the fit check
 * first, busy models never evicted without `force`, progress from presets.progress) and `unload`
 * (models.unload / models.unloadAll). A refusal is a result with `isError: true` whose sentence says
 * what to do, never a protocol error.
 */
import { defineTool, invalidParams, unwrap } from './loadout-tool';
import { ApplyPresetArgs, SwitchOutput, UnloadArgs, UnloadOutput } from './tool-schemas';

export const applyPresetTool = defineTool({
  name: 'apply_preset',
  title: 'Switch to a preset of models',
  description: () =>
    "Switch LM Studio to one of the user's presets (a named set of models with their load settings). Loadout checks that the set fits in memory before touching anything, keeps models already loaded as asked, and refuses to unload a model that is still answering unless force is true. Sends progress while models load.",
  input: ApplyPresetArgs,
  output: SwitchOutput,
  readOnly: false,
  destructive: true,
  async run(args, { client, signal, progress }) {
    const off = client.on('presets.progress', (p) => {
      if (p.presetId !== args.preset) return;
      progress({
        progress: p.step,
        total: p.total || undefined,
        message: p.message ?? `${p.phase}${p.key ? ` ${p.key}` : ''}`,
      });
    });
    const cancel = () => void client.call('presets.cancel', undefined);
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const outcome = unwrap(await client.call('presets.apply', { id: args.preset, force: args.force }));
      const structured = {
        result: outcome.result,
        message: outcome.message,
        plan: outcome.plan.map((s) => ({ action: s.action, key: s.key, instanceId: s.instanceId })),
        busy: outcome.busy ?? [],
      };
      if (outcome.result === 'ok') {
        const changed = outcome.plan.filter((s) => s.action !== 'keep').map((s) => `${s.action} ${s.key}`);
        return {
          text: `Preset ${args.preset} is active${changed.length ? `: ${changed.join(', ')}` : '; nothing had to change'}.`,
          structured,
        };
      }
      const busyHint = structured.busy.length
        ? ` Still answering: ${structured.busy.map((b) => b.instanceId).join(', ')}; wait, or ask the user before calling again with force: true.`
        : '';
      return {
        text: `Preset ${args.preset} was ${outcome.result}: ${outcome.message ?? 'no reason given'}.${busyHint}`,
        structured,
        isError: true,
      };
    } finally {
      off();
      signal.removeEventListener('abort', cancel);
    }
  },
});

export const unloadTool = defineTool({
  name: 'unload',
  title: 'Unload models',
  description: () =>
    'Unload one loaded model instance (instance) or every loaded model (all: true; pinned models are spared). A model that is still answering is not unloaded unless force is true.',
  input: UnloadArgs,
  output: UnloadOutput,
  readOnly: false,
  destructive: true,
  async run(args, { client }) {
    // JSON Schema cannot say "exactly one of", so this is checked here, as invalid params naming the fields.
    if ((args.instance === undefined) === (args.all !== true)) {
      throw invalidParams(
        'Invalid arguments for unload: give either `instance` (an instance id from the status tool) or `all: true`, not both and not neither.',
      );
    }
    const outcome = unwrap(
      args.instance !== undefined
        ? await client.call('models.unload', { instanceId: args.instance, force: args.force })
        : await client.call('models.unloadAll', { includePinned: false, force: args.force }),
    );
    const structured = { unloaded: outcome.unloaded, busy: outcome.busy ?? [], message: outcome.message ?? null };
    if (structured.busy.length) {
      return {
        text: `Nothing was unloaded: ${outcome.message ?? 'models are still answering'}. Wait, or ask the user before calling again with force: true.`,
        structured,
        isError: true,
      };
    }
    return {
      text: structured.unloaded.length ? `Unloaded ${structured.unloaded.join(', ')}.` : 'Nothing to unload.',
      structured,
    };
  },
});
