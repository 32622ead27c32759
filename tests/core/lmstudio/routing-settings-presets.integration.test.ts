/**
 * The routing feature as the app and the CLI build it: endpoints from the settings (keys through
 * getSecret, the environment on top), and a fresh look at LM Studio right after a preset switch or an
 * unload, so a just-unloaded model is never chosen from the 2-second cache.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { createRoutingFeature, type RoutingFeature } from '../../../electron/core/routing/create-routing';
import { startHarness, type Harness } from '../../support/emulator-harness';

let h: Harness | null = null;
const features: RoutingFeature[] = [];
afterEach(async () => {
  for (const f of features.splice(0)) f.dispose();
  await h?.close();
  h = null;
});

const QUESTION = [{ role: 'user' as const, text: 'Qual a capital da Austrália?' }];

function routing(harness: Harness, extra: Partial<Parameters<typeof createRoutingFeature>[0]> = {}): RoutingFeature {
  const env = { LOADOUT_LMSTUDIO_URL: harness.emulator.url, LM_API_TOKEN: '' };
  const feature = createRoutingFeature({
    lmstudio: createLmStudioClient({ env }),
    env,
    origin: 'cli',
    settings: harness.settings,
    ...extra,
  });
  features.push(feature);
  return feature;
}

describe('routing after preset switches and unloads', () => {
  it('forgets the cached view when a switch or an unload finishes', async () => {
    h = await startHarness();
    expect((await h.service.apply('light')).result).toBe('ok');
    const watched = routing(h, { presets: h.service });
    const unwatched = routing(h);
    const first = await watched.routedChat.route({ messages: QUESTION }, undefined, false);
    expect(first.decision.choice?.modelKey).toMatch(/^llama-3\.2-[13]b-instruct$/);
    await unwatched.routedChat.route({ messages: QUESTION }, undefined, false);

    expect((await h.service.unload({ all: true })).result).toBe('ok');
    const afterUnload = await watched.routedChat.route({ messages: QUESTION }, undefined, false);
    expect(afterUnload.decision.choice).toBeNull();
    // Without the presets service the 2-second cache still shows the unloaded model: the case this guards.
    expect((await unwatched.routedChat.route({ messages: QUESTION }, undefined, false)).decision.choice?.modelKey).toBe(
      first.decision.choice?.modelKey,
    );

    expect((await h.service.apply('dev')).result).toBe('ok');
    const afterSwitch = await watched.routedChat.route({ messages: QUESTION }, undefined, false);
    expect(afterSwitch.decision.choice?.modelKey).toBe('deepseek-coder-33b-instruct');
  });

  it('stops listening on dispose', async () => {
    h = await startHarness();
    expect((await h.service.apply('light')).result).toBe('ok');
    const feature = routing(h, { presets: h.service });
    await feature.routedChat.route({ messages: QUESTION }, undefined, false);
    feature.dispose();
    expect((await h.service.unload({ all: true })).result).toBe('ok');
    expect((await feature.routedChat.route({ messages: QUESTION }, undefined, false)).decision.choice).not.toBeNull();
  });
});

describe('routing endpoints and policy from the settings', () => {
  it('adds the cloud model from routing.cloud with the key from getSecret, and drops it when turned off', async () => {
    h = await startHarness();
    h.settings.update((s) => ({
      ...s,
      routing: {
        ...s.routing,
        cloud: {
          ...s.routing.cloud,
          enabled: true,
          baseUrl: 'https://api.example.com/v1',
          model: 'gpt-4.1-mini',
          label: 'OpenAI',
          apiKeyEncrypted: 'ZW5jcnlwdGVk',
        },
      },
    }));
    const asked: string[] = [];
    const feature = routing(h, {
      getSecret: (name) => {
        asked.push(name);
        return name === 'routing.cloud.apiKey' ? 'sk-from-keychain' : null;
      },
    });
    expect(feature.cloudEnabled).toBe(true);
    expect(feature.problems).toEqual([]);
    const snap = await feature.snapshot();
    expect(snap.state.endpoints.find((e) => e.kind === 'cloud')?.models.map((m) => m.key)).toEqual(['gpt-4.1-mini']);
    expect(snap.chatEndpoints.get('cloud')).toMatchObject({
      label: 'OpenAI',
      openAiBaseUrl: 'https://api.example.com/v1',
      apiKey: 'sk-from-keychain',
    });
    expect(asked).toEqual(['routing.cloud.apiKey']);

    h.settings.update((s) => ({ ...s, routing: { ...s.routing, cloud: { ...s.routing.cloud, enabled: false } } }));
    feature.invalidate();
    expect((await feature.snapshot()).state.endpoints.some((e) => e.kind === 'cloud')).toBe(false);
  });

  it('without a readable key (the CLI) the cloud stays off and says to set LOADOUT_CLOUD_API_KEY', async () => {
    h = await startHarness();
    h.settings.update((s) => ({
      ...s,
      routing: {
        ...s.routing,
        cloud: {
          ...s.routing.cloud,
          enabled: true,
          baseUrl: 'https://api.example.com/v1',
          model: 'm',
          apiKeyEncrypted: 'ZW5jcnlwdGVk',
        },
      },
    }));
    const feature = routing(h);
    expect(feature.cloudEnabled).toBe(false);
    expect(feature.problems.join('\n')).toMatch(/set LOADOUT_CLOUD_API_KEY/);
  });

  it('takes routing.allowJitLoad from the settings; the --allow-load policy wins', async () => {
    h = await startHarness();
    const picture = [{ role: 'user' as const, text: 'what is in this picture?', images: 1 }];
    const off = await routing(h).routedChat.route({ messages: picture }, undefined, false);
    expect(off.decision.scores.filter((s) => !s.eligible).every((s) => s.excludedBecause !== null)).toBe(true);
    expect(off.decision.scores.some((s) => s.excludedBecause === 'not loaded (JIT loading off)')).toBe(true);
    h.settings.update((s) => ({ ...s, routing: { ...s.routing, allowJitLoad: true } }));
    const on = await routing(h).routedChat.route({ messages: picture }, undefined, false);
    expect(on.decision.scores.some((s) => s.excludedBecause === 'not loaded (JIT loading off)')).toBe(false);
    const forcedOff = await routing(h, { policy: { allowJitLoad: false } }).routedChat.route(
      { messages: picture },
      undefined,
      false,
    );
    expect(forcedOff.decision.scores.some((s) => s.excludedBecause === 'not loaded (JIT loading off)')).toBe(true);
  });
});
