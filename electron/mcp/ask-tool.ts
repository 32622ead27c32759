/**
 * The `ask` tool: hand work to the local models through the app API's `delegation.ask` (routing,
 * declines, the concurrency line, files under the allowed roots, energy and the ledger all live in
 * the core). A decline is an answer (`answered: false, declined: true` with a reason the calling model
 * can act on); a fault is `isError` with the core's sentence; a cancelled MCP call cancels the ask.
 */
import { randomUUID } from 'node:crypto';
import { defineTool, invalidParams, ToolFault } from './loadout-tool';
import { describeLoadedModels } from './machine-state';
import { AskArgs, AskOutput } from './tool-schemas';

/** The figures after an answer: "— qwen2.5-7b-instruct on this machine · 412 tokens · 95 tok/s · 0.8 Wh". */
function footer(r: {
  model: string | null;
  machine: string;
  completionTokens: number;
  tokensPerSecond: number | null;
  energyWh: number | null;
}): string {
  const parts = [`${r.model ?? '?'} on ${r.machine}`, `${r.completionTokens} tokens`];
  if (r.tokensPerSecond !== null) parts.push(`${Math.round(r.tokensPerSecond)} tok/s`);
  if (r.energyWh !== null) parts.push(`${r.energyWh.toFixed(2)} Wh`);
  return `— ${parts.join(' · ')}`;
}

export const askTool = defineTool({
  name: 'ask',
  title: 'Hand work to a local model',
  description: (state) =>
    [
      'Hand a self-contained piece of work (a summary, an extraction, boilerplate code, a first-pass review) to a local model on this machine or another machine of the desk (routed by which one is idle and holds a fitting model); the answer comes back with its model, the machine that answered, reason, speed and energy.',
      'It declines, with answered: false and a reason, what it should not take (low router confidence, nothing local fits, every fitting model busy, the GPU held by a game): then do the work yourself.',
      'Pass files by path instead of pasting them (only under the folders the user allowed).',
      describeLoadedModels(state),
    ].join('\n'),
  input: AskArgs,
  output: AskOutput,
  readOnly: false,
  async run(args, { client, signal, progress, clientName }) {
    const requestId = `mcp-${randomUUID()}`;
    let step = 0;
    const off = client.on('delegation.progress', (p) => {
      if (p.requestId === requestId) progress({ progress: ++step, message: p.message });
    });
    const cancel = () => void client.call('delegation.cancel', { requestId });
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const response = await client.call('delegation.ask', {
        prompt: args.prompt,
        task: args.task,
        model: args.model,
        system: args.system,
        maxTokens: args.max_tokens,
        jsonSchema: args.json_schema,
        files: args.files,
        client: clientName,
        requestId,
      });
      if (!response.ok) {
        // The core's own field check (a schema it cannot use) is the caller's malformed argument too.
        if (response.error.code === 'invalid-input')
          throw invalidParams(`Invalid arguments for ask: ${response.error.message}`);
        throw new ToolFault(response.error.message);
      }
      const result = response.result;
      if (!result.answered) return { text: `Declined: ${result.reason}`, structured: result };
      return { text: `${result.text}\n\n${footer(result)}`, structured: result };
    } finally {
      off();
      signal.removeEventListener('abort', cancel);
    }
  },
});
