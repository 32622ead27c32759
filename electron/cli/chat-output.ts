/**
 * What `loadout chat` prints when an answer ends, the same whether the core runs in the CLI or in the
 * running Loadout: the `--json` summary line (a script reads one line, not stderr), or the measurements on stderr.
 */
import { formatWh } from '../../shared/energy/format-energy';
import type { CliIo } from './command';

/** The `--json` line of an answer that ended (finished, cut at the length limit or cancelled). */
export interface ChatSummary {
  model: string;
  reason: string;
  ttftMs: number | null;
  tokensPerSecond: number | null;
  energyWh: number | null;
  endpoint: 'local' | 'remote' | 'cloud';
  /** The other machine that answered; null = this one or the cloud (as `route --json`'s `choice.machine`). */
  machine: string | null;
  finishReason: string;
  completionTokens: number;
  fallbackFrom?: string;
  messageId?: number;
}

const fixed = (x: number | null | undefined, digits: number) =>
  x === null || x === undefined ? null : Number(x.toFixed(digits));

/** The summary with its numbers rounded as printed. */
export function chatSummary(
  s: Omit<ChatSummary, 'fallbackFrom' | 'messageId'> & { fallbackFrom?: string | null; messageId?: number | null },
): ChatSummary {
  return {
    model: s.model,
    reason: s.reason,
    ttftMs: fixed(s.ttftMs, 0),
    tokensPerSecond: fixed(s.tokensPerSecond, 1),
    energyWh: fixed(s.energyWh, 5),
    endpoint: s.endpoint,
    machine: s.machine,
    finishReason: s.finishReason,
    completionTokens: s.completionTokens,
    ...(s.fallbackFrom ? { fallbackFrom: s.fallbackFrom } : {}),
    ...(s.messageId !== null && s.messageId !== undefined ? { messageId: s.messageId } : {}),
  };
}

/** Print how the answer went; resolves to the exit code (a cancelled answer is 1). */
export function printChatSummary(io: CliIo, json: boolean | undefined, summary: ChatSummary): number {
  if (json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else {
    const cloud =
      summary.endpoint === 'cloud'
        ? ' · ☁ answered by the cloud endpoint'
        : summary.machine
          ? ` · answered on ${summary.machine}`
          : '';
    io.stderr.write(
      `${summary.model} · first token ${summary.ttftMs ?? '—'} ms · ${summary.tokensPerSecond ?? '—'} tok/s · ${summary.energyWh === null ? 'energy not measured' : formatWh(summary.energyWh, 'en-US')}${summary.finishReason === 'cancelled' ? ' · cancelled' : ''}${cloud}\n`,
    );
  }
  return summary.finishReason === 'cancelled' ? 1 : 0;
}

/** The `--json` line when no model can take the question: `reason` is the router's (what to do). */
export function noRouteSummary(reason: string) {
  return {
    model: null,
    reason,
    ttftMs: null,
    tokensPerSecond: null,
    energyWh: null,
    error: { code: 'no-route', message: reason },
  };
}

/** The `--json` line of an answer that failed: who was asked, why, and what went wrong; `cut` when partial text was printed. */
export function failureSummary(
  asked: { model: string | null; reason: string | null } | null,
  error: { code: string; message: string; serverMessage: string | null },
  cut: boolean,
  messageId?: number | null,
) {
  return {
    model: asked?.model ?? null,
    reason: asked?.reason ?? null,
    ttftMs: null,
    tokensPerSecond: null,
    energyWh: null,
    finishReason: 'error',
    cut,
    error,
    ...(messageId !== null && messageId !== undefined ? { messageId } : {}),
  };
}
