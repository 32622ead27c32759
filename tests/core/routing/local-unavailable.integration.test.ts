/** Gaming mode's routing hook: while a game holds this machine's GPU, another machine answers instead. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { createRoutingFeature } from '../../../electron/core/routing/create-routing';
import { readRoutingEndpoints } from '../../../electron/core/routing/routing-endpoints';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

const emulators: LmStudioEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});
const clientFor = (url: string) => createLmStudioClient({ baseUrl: url, env: { PATH: '' }, getRetries: 0 });

describe('routing while gaming mode holds the GPU', () => {
  it('skips the local machine while localUnavailable says so, and uses it again after', async () => {
    const local = await createLmStudioEmulator({ tokensPerSecond: 400, preload: [{ key: 'qwen2.5-7b-instruct' }] });
    const remote = await createLmStudioEmulator({ tokensPerSecond: 400, preload: [{ key: 'qwen2.5-7b-instruct' }] });
    emulators.push(local, remote);
    let gaming = true;
    const routing = createRoutingFeature({
      lmstudio: clientFor(local.url),
      env: {},
      origin: 'cli',
      endpoints: readRoutingEndpoints({ LOADOUT_REMOTES: `desk-2=${remote.url}` }),
      localUnavailable: () => gaming,
    });
    const ask = () =>
      routing.routedChat.ask({ messages: [{ role: 'user', content: 'Say hello in five words.' }], maxTokens: 5 });
    const during = await ask();
    expect(during.answeredBy).toMatchObject({ endpointKind: 'remote', endpointId: 'remote:desk-2' });
    expect((await routing.snapshot()).state.endpoints.find((e) => e.kind === 'local')!.reachable).toBe(false);

    gaming = false;
    const after = await ask();
    expect(after.answeredBy).toMatchObject({ endpointKind: 'local' });
    routing.dispose();
  });
});
