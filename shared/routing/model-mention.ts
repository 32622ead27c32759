/**
 * The user's override: `@model` in the prompt, or an explicit model name (chip, API `model`).
 * Resolves loosely ("@qwen-coder" finds "qwen2.5-coder-14b-instruct") but never guesses between two.
 */
import type { RouteMessage, RoutingEndpoint } from './types';

const MENTION = /(^|\s)@([A-Za-z0-9][\w.\-/:]*[\w])/;

/** Find an `@model` mention in the last user message; returns the name and the messages without it. */
export function extractMention(messages: readonly RouteMessage[]): {
  mention: string | null;
  messages: RouteMessage[];
} {
  let idx = -1;
  for (let i = messages.length - 1; i >= 0; i--)
    if (messages[i]!.role === 'user') {
      idx = i;
      break;
    }
  if (idx < 0) return { mention: null, messages: [...messages] };
  const msg = messages[idx]!;
  const m = MENTION.exec(msg.text);
  if (!m) return { mention: null, messages: [...messages] };
  const cleaned = (msg.text.slice(0, m.index) + m[1] + msg.text.slice(m.index + m[0].length))
    .replace(/\s{2,}/g, ' ')
    .trim();
  const out = [...messages];
  out[idx] = { ...msg, text: cleaned };
  return { mention: m[2]!, messages: out };
}

export interface ResolvedModel {
  endpointId: string;
  modelKey: string;
  instanceId: string | null;
}

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Resolve a model name against every reachable endpoint: exact instance id or key first, then the part
 * after "publisher/", then a unique match where every dash-separated piece of the name appears in the key.
 * Loaded models win ties. Returns null when nothing or several models match equally.
 */
export function resolveModelName(name: string, endpoints: readonly RoutingEndpoint[]): ResolvedModel | null {
  const wanted = name.toLowerCase();
  const all: Array<ResolvedModel & { loaded: boolean; key: string }> = [];
  for (const ep of endpoints) {
    if (!ep.reachable) continue;
    for (const m of ep.models) {
      for (const inst of m.loadedInstances) {
        if (inst.instanceId.toLowerCase() === wanted)
          return { endpointId: ep.id, modelKey: m.key, instanceId: inst.instanceId };
      }
      all.push({
        endpointId: ep.id,
        modelKey: m.key,
        instanceId: m.loadedInstances[0]?.instanceId ?? null,
        loaded: m.loadedInstances.length > 0,
        key: m.key.toLowerCase(),
      });
    }
  }
  const pick = (list: typeof all): ResolvedModel | null | undefined => {
    if (list.length === 0) return undefined;
    const loaded = list.filter((c) => c.loaded);
    const pool = loaded.length > 0 ? loaded : list;
    const keys = new Set(pool.map((c) => c.key));
    if (keys.size > 1) return null;
    const c = pool[0]!;
    return { endpointId: c.endpointId, modelKey: c.modelKey, instanceId: c.instanceId };
  };
  const exact = pick(all.filter((c) => c.key === wanted || c.key.split('/').pop() === wanted));
  if (exact !== undefined) return exact;
  const pieces = wanted
    .split(/[-_\s/]+/)
    .map(norm)
    .filter(Boolean);
  if (pieces.length === 0) return null;
  const loose = pick(
    all.filter((c) => {
      const k = norm(c.key);
      return pieces.every((p) => k.includes(p));
    }),
  );
  return loose ?? null;
}
