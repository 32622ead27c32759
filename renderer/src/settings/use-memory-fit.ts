/** Live memory-fit feedback while editing: a debounced `presets.plan` dry run of the draft preset. */
import { useEffect, useState } from 'react';
import type { PresetPlanResult } from '../../../shared/contract/presets';
import type { PresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import type { Preset } from '../../../shared/presets/schema';
import { useApi } from '../store/store-context';

export type FitState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'done'; result: PresetPlanResult }
  | { kind: 'error'; failure: PresetsCallFailure };

/** Ask the core whether `draft` fits, 300 ms after the last edit; stale answers are dropped. */
export function useMemoryFit(draft: Preset | null, delayMs = 300): FitState {
  const api = useApi();
  const [state, setState] = useState<FitState>({ kind: 'idle' });
  const key = draft ? JSON.stringify(draft) : '';
  useEffect(() => {
    if (!draft || draft.models.length === 0) {
      setState({ kind: 'idle' });
      return;
    }
    let stale = false;
    setState({ kind: 'checking' });
    const timer = setTimeout(async () => {
      const r = await api.call('presets.plan', { preset: draft });
      if (stale) return;
      setState(
        r.ok
          ? { kind: 'done', result: r.result }
          : { kind: 'error', failure: { call: 'plan', detail: r.error.message } },
      );
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
    // `key` is the draft's content; the object itself is new on every render.
  }, [key, api, delayMs]);
  return state;
}
