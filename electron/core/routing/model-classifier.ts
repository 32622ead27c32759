/**
 * The optional "ask a small loaded model" mode (off by default): when the cheap detector is unsure,
 * the smallest loaded chat model names the task in one word. Bounded by a short timeout; any failure
 * just leaves the detector's guess in place.
 */
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { modelTraits } from '../../../shared/routing/model-traits';
import { parseTaskLabel } from '../../../shared/routing/parse-task-label';
import type { TaskKind } from '../../../shared/routing/types';
import type { ChatService } from '../chat/chat-service';
import type { RoutingSnapshot } from './routing-state-source';

const INSTRUCTION =
  "Classify the user's request. Answer with exactly one word: code (programming, errors, scripts, queries), quick (a short factual question), or chat (anything else).";

/** The smallest loaded, non-embedding, non-vision-only model on this machine: fast enough to ask first. */
export function pickClassifierModel(snapshot: RoutingSnapshot): { modelKey: string; instanceId: string } | null {
  let best: { modelKey: string; instanceId: string; size: number } | null = null;
  for (const ep of snapshot.state.endpoints) {
    if (ep.kind !== 'local' || !ep.reachable) continue;
    for (const m of ep.models) {
      const t = modelTraits(m);
      const inst = m.loadedInstances[0];
      if (!inst || t.embedding) continue;
      const size = t.paramsB ?? (m.sizeBytes ?? Infinity) / 0.6e9;
      if (!best || size < best.size) best = { modelKey: m.key, instanceId: inst.instanceId, size };
    }
  }
  return best && { modelKey: best.modelKey, instanceId: best.instanceId };
}

/** Ask the classifier model; resolves to the task it named, or null (no model, timeout, an answer it could not read). */
export async function classifyWithModel(
  chat: ChatService,
  snapshot: RoutingSnapshot,
  question: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ kind: TaskKind; modelKey: string } | null> {
  const model = pickClassifierModel(snapshot);
  const endpoint = snapshot.chatEndpoints.get('local');
  if (!model || !endpoint) return null;
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 3000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const messages: ChatCompletionMessageParam[] = [
    { role: 'system', content: INSTRUCTION },
    { role: 'user', content: question.slice(0, 2000) },
  ];
  try {
    const answer = await chat.chat({
      endpoint,
      model: model.instanceId,
      modelKey: model.modelKey,
      messages,
      maxTokens: 4,
      temperature: 0,
      signal,
    });
    const kind = answer.finishReason === 'cancelled' ? null : parseTaskLabel(answer.text);
    return kind && { kind, modelKey: model.modelKey };
  } catch {
    return null;
  }
}
