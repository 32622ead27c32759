/**
 * The `--machine NAME` flag and its checks, apart from machine-target.ts: a command parses its flags
 * without loading the agent connection (ws, the contract's zod schemas, settings), which it imports
 * only when `--machine` is given (`loadout monitor --once` starts faster for it).
 */
import { UsageError } from '../command';

/** `--machine NAME`, spread into a command's parseCommandArgs options. */
export const MACHINE_OPTION = { machine: { type: 'string' } } as const;

/** Refuse flags that name this machine's LM Studio or core together with `--machine`. */
export function checkMachineFlags(
  values: { machine?: string; standalone?: boolean; lmstudio?: string },
  usage: string,
): void {
  if (values.machine === undefined) return;
  if (!values.machine.trim()) throw new UsageError('--machine needs a machine name (see `loadout machines`).', usage);
  if (values.standalone) throw new UsageError('--standalone works on this machine; drop it with --machine.', usage);
  if (values.lmstudio !== undefined)
    throw new UsageError("--lmstudio names this machine's LM Studio; drop it with --machine.", usage);
}
