/**
 * The routed chat end to end against emulators: this machine, another machine's LM Studio and a
 * "cloud" OpenAI-compatible endpoint (a third emulator), with fallbacks and the history's evidence.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openChatStore } from '../../../electron/core/chat/open-chat-store';
import { createLmStudioClient } from '../../../electron/core/lmstudio/client';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';
import { createRoutingFeature } from '../../../electron/core/routing/create-routing';
import { readRoutingEndpoints } from '../../../electron/core/routing/routing-endpoints';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

const emulators: LmStudioEmulator[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
async function emulator(options: Parameters<typeof createLmStudioEmulator>[0]) {
  const e = await createLmStudioEmulator({ tokensPerSecond: 400, ...options });
  emulators.push(e);
  return e;
}
const clientFor = (url: string) => createLmStudioClient({ baseUrl: url, env: { PATH: '' }, getRetries: 0 });
const user = (content: string) => [{ role: 'user' as const, content }];

describe('routed chat', () => {
  it("answers code on another machine's coder when this one has only a small model", async () => {
    const local = await emulator({ preload: [{ key: 'llama-3.2-3b-instruct', contextLength: 8192 }] });
    const remote = await emulator({ preload: [{ key: 'deepseek-coder-33b-instruct', contextLength: 16384 }] });
    const endpoints = readRoutingEndpoints({ LOADOUT_REMOTES: `workstation-2=${remote.url}` });
    const routing = createRoutingFeature({ lmstudio: clientFor(local.url), env: {}, origin: 'cli', endpoints });
    const r = await routing.routedChat.ask({
      messages: user('Traceback (most recent call last):\n  File "app.py", line 9\nKeyError: \'id\''),
      maxTokens: 5,
    });
    expect(r.answeredBy).toMatchObject({
      modelKey: 'deepseek-coder-33b-instruct',
      endpointId: 'remote:workstation-2',
      endpointKind: 'remote',
    });
    expect(r.decision.reason).toMatch(/on workstation-2/);
    expect(remote.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(1);
    expect(local.state.calls.filter((c) => c.path === '/v1/chat/completions')).toHaveLength(0);
  });

  it('when in doubt goes to the cloud endpoint the user configured, and says so', async () => {
    const local = await emulator({ preload: [{ key: 'deepseek-coder-33b-instruct', contextLength: 8192 }] });
    const cloud = await emulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], token: 'sk-cloud-key' });
    const endpoints = readRoutingEndpoints({
      LOADOUT_CLOUD_URL: `${cloud.url}/v1`,
      LOADOUT_CLOUD_MODEL: 'qwen2.5-7b-instruct',
      LOADOUT_CLOUD_API_KEY: 'sk-cloud-key',
      LOADOUT_CLOUD_LABEL: 'Cloud',
    });
    const routing = createRoutingFeature({ lmstudio: clientFor(local.url), env: {}, origin: 'cli', endpoints });
    expect(routing.cloudEnabled).toBe(true);
    const r = await routing.routedChat.ask({
      messages: user(
        'Me ajude a planejar um cardápio semanal saudável para uma família de quatro pessoas com orçamento apertado.',
      ),
      maxTokens: 4,
    });
    expect(r.answeredBy).toMatchObject({
      endpointKind: 'cloud',
      source: 'doubt-cloud',
      modelKey: 'qwen2.5-7b-instruct',
    });
    expect(r.decision.reason).toMatch(
      /low confidence in deepseek-coder-33b-instruct .* → ☁ cloud qwen2\.5-7b-instruct on Cloud/,
    );
    expect(r.answer.energyWh).toBeNull();
    // Code stays local: the coder fits it.
    const code = await routing.routedChat.ask({
      messages: user('```c\nint main(){return 0;}\n```\nwhy does gcc warn?'),
      maxTokens: 3,
    });
    expect(code.answeredBy.endpointKind).toBe('local');
  });

  it('falls back to the runner-up when the chosen model vanished, and refreshes its view', async () => {
    const local = await emulator({
      preload: [
        { key: 'qwen2.5-coder-14b-instruct', contextLength: 8192 },
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
      ],
    });
    const routing = createRoutingFeature({
      lmstudio: clientFor(local.url),
      env: {},
      origin: 'cli',
      endpoints: readRoutingEndpoints({}),
    });
    await routing.snapshot(); // cache the view with the coder loaded
    const coder = local.state.instances.find((i) => i.modelKey === 'qwen2.5-coder-14b-instruct')!;
    await (
      await fetch(`${local.url}/api/v1/models/unload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ instance_id: coder.id }),
      })
    ).text();
    const r = await routing.routedChat.ask({ messages: user('```py\nprint(1)\n```\nexplain'), maxTokens: 3 });
    expect(r.decision.choice?.modelKey).toBe('qwen2.5-coder-14b-instruct');
    expect(r.answeredBy.modelKey).toBe('qwen2.5-7b-instruct');
    expect(r.fallbackFrom).toMatchObject({ modelKey: 'qwen2.5-coder-14b-instruct' });
    expect(r.fallbackFrom?.error).toMatch(/is not loaded/);
    const next = await routing.routedChat.route({ messages: [{ role: 'user', text: '```py\nprint(1)\n```' }] });
    expect(next.decision.choice?.modelKey).toBe('qwen2.5-7b-instruct');
  });

  it("the user's own pick is never swapped: an @mention that fails is an error", async () => {
    const local = await emulator({
      preload: [
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
        { key: 'llama-3.2-3b-instruct', contextLength: 8192 },
      ],
    });
    const routing = createRoutingFeature({
      lmstudio: clientFor(local.url),
      env: {},
      origin: 'cli',
      endpoints: readRoutingEndpoints({}),
    });
    await routing.snapshot();
    const small = local.state.instances.find((i) => i.modelKey === 'llama-3.2-3b-instruct')!;
    await (
      await fetch(`${local.url}/api/v1/models/unload`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ instance_id: small.id }),
      })
    ).text();
    await expect(routing.routedChat.ask({ messages: user('@llama-3.2-3b oi') })).rejects.toMatchObject({
      code: 'model-not-loaded',
    });
    const ok = await routing.routedChat.ask({ messages: user('@qwen2.5-7b oi, tudo bem?'), maxTokens: 3 });
    expect(ok.answeredBy.modelKey).toBe('qwen2.5-7b-instruct');
    const sent = local.state.calls.filter((c) => c.path === '/v1/chat/completions');
    expect(sent.length).toBeGreaterThan(0);
  });

  it('marks the model busy while it answers, and 👎 from the history move the next choice', async () => {
    const local = await emulator({
      tokensPerSecond: 100,
      preload: [
        { key: 'qwen2.5-7b-instruct', contextLength: 8192 },
        { key: 'llama-3.2-3b-instruct', contextLength: 8192 },
      ],
    });
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-routed-'));
    dirs.push(home);
    const { opened, store } = openChatStore(home);
    const inFlight = new InFlightRegistry();
    const routing = createRoutingFeature({
      lmstudio: clientFor(local.url),
      env: {},
      origin: 'quick-chat',
      endpoints: readRoutingEndpoints({}),
      store,
      inFlight,
      snapshotCache: { freshMs: 0, staleMs: 0 },
    });
    let busyDuring: string[] | undefined;
    const first = await routing.routedChat.ask({
      messages: user('Qual a capital do Canadá?'),
      maxTokens: 10,
      conversationId: 'new',
      onDelta: () => {
        if (!busyDuring)
          void routing.snapshot().then((s) => {
            busyDuring = s.state.busyInstances as string[];
          });
      },
    });
    expect(first.answeredBy.modelKey).toBe('llama-3.2-3b-instruct');
    await expect.poll(() => busyDuring).toEqual(['llama-3.2-3b-instruct']);
    expect((await routing.snapshot()).state.busyInstances).toEqual([]);
    for (let i = 0; i < 3; i++) {
      const r = await routing.routedChat.ask({
        messages: user('Qual a capital do Canadá?'),
        maxTokens: 2,
        conversationId: 'new',
        model: 'llama-3.2-3b-instruct',
      });
      store.rate(r.messageId!, -1);
    }
    const after = await routing.routedChat.route({ messages: [{ role: 'user', text: 'Qual a capital do Peru?' }] });
    expect(after.decision.choice?.modelKey).toBe('qwen2.5-7b-instruct');
    expect(after.decision.scores.find((s) => s.modelKey === 'llama-3.2-3b-instruct')?.parts.ratings).toBeLessThan(0);
    opened.close();
  });
});
