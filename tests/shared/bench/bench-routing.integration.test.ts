/** Benchmarks feed the router: stored results reach the routing state's evidence beside the chat history. */
import { afterEach, describe, expect, it } from 'vitest';
import { benchSamples } from '../../../shared/bench/bench-evidence';
import { createRoutingFeature } from '../../../electron/core/routing/create-routing';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator/index';
import { qwen7bResult } from '../../support/result-fixture';

let emulator: LmStudioEmulator | null = null;
afterEach(async () => {
  await emulator?.close();
  emulator = null;
});

describe('router feed', () => {
  it("puts each benchmarked model's speed, latency and stars into the routing evidence", async () => {
    emulator = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    const lmstudio = createLmStudioClient({ baseUrl: emulator.url, env: { LM_API_TOKEN: '' } });
    const routing = createRoutingFeature({
      lmstudio,
      env: {},
      origin: 'cli',
      endpoints: { remotes: [], cloud: null, problems: [] },
      benchmarks: () => benchSamples([qwen7bResult()]),
    });
    const snap = await routing.snapshot();
    expect(snap.state.evidence?.['qwen2.5-7b-instruct']).toMatchObject({
      tokensPerSecond: 98.2,
      ttftMs: 142,
      speedSamples: 1,
      stars: { chat: { mean: 4, count: 1 } },
    });
  });
});
