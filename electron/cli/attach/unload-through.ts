/**
 * `loadout unload` through the running Loadout (or another machine's agent, `--machine`): `models.unload`/`models.unloadAll` over its app API, its
 * steps from the `presets.unloadProgress` events addressed to this connection, printed exactly as the
 * in-process path prints them (same words, JSON and exit codes). Ctrl+C cancels the unload there.
 */
import type { ContractClient, UnloadResult } from '../../../shared/contract';
import type { CliIo } from '../command';
import { forceHint, printProgress } from '../preset-outcome-output';

export interface UnloadThroughOptions {
  target: { instanceId: string } | { all: true; includePinned?: boolean };
  force?: boolean;
  json?: boolean;
}

/** Unload in the running Loadout; resolves to the exit code. */
export async function unloadThrough(
  { client }: { client: ContractClient },
  io: CliIo,
  { target, force, json }: UnloadThroughOptions,
): Promise<number> {
  const off = client.on('presets.unloadProgress', printProgress(io, json));
  // Ctrl+C here cancels the unload there, as it does in-process.
  const cancel = () => void client.call('models.cancelUnload', undefined);
  io.signal.addEventListener('abort', cancel, { once: true });
  let answer: Awaited<ReturnType<typeof client.call<'models.unload'>>>;
  try {
    // The plan comes back on a refusal or failure too, so --json prints it as the in-process path does.
    answer =
      'instanceId' in target
        ? await client.call('models.unload', { instanceId: target.instanceId, force, failureAsResult: true })
        : await client.call('models.unloadAll', {
            includePinned: target.includePinned ?? false,
            force,
            failureAsResult: true,
          });
  } finally {
    off();
    io.signal.removeEventListener('abort', cancel);
  }
  const outcome: UnloadResult = answer.ok
    ? answer.result
    : { unloaded: [], result: 'failed', plan: [], message: answer.error.message };
  const result = outcome.result === 'cancelled' ? 'failed' : (outcome.result ?? 'ok');
  const plan = outcome.plan ?? [];
  const message = outcome.busy?.length ? forceHint(outcome.message) : (outcome.message ?? null);
  if (json) io.stdout.write(`${JSON.stringify({ plan, result, message })}\n`);
  else if (result === 'ok') {
    const unloaded = plan.filter((s) => s.action === 'unload').map((s) => s.instanceId);
    const kept = plan.filter((s) => s.action === 'keep').map((s) => s.instanceId);
    io.stdout.write(unloaded.length ? `Unloaded ${unloaded.join(', ')}.\n` : 'Nothing to unload.\n');
    if (kept.length) io.stdout.write(`Kept (pinned): ${kept.join(', ')}.\n`);
  }
  if (result !== 'ok') {
    io.stderr.write(`loadout unload: ${message ?? 'the unload did not complete'}\n`);
    return 1;
  }
  return 0;
}
