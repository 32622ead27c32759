/** The chat service against the LM Studio emulator: streaming, measurements, cancel, errors a person can act on. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { createChatService, type ChatEndpoint } from '../../../electron/core/chat/chat-service';
import { ChatError } from '../../../electron/core/chat/chat-errors';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';

let emu: LmStudioEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const endpointOf = (url: string, apiKey: string | null = null): ChatEndpoint => ({
  id: 'local',
  label: `LM Studio at ${url}`,
  kind: 'local',
  openAiBaseUrl: `${url}/v1`,
  apiKey,
});
const ask = [{ role: 'user' as const, content: 'Qual a capital da Austrália?' }];

describe('chat service', () => {
  it('streams the answer, with usage, time to first token and tok/s as the emulator paced them', async () => {
    emu = await createLmStudioEmulator({
      preload: [{ key: 'qwen2.5-7b-instruct' }],
      tokensPerSecond: 100,
      timeToFirstTokenMs: 150,
    });
    const pieces: string[] = [];
    const inFlight = new InFlightRegistry();
    const seen: number[] = [];
    const service = createChatService({
      inFlight: {
        begin: (m) => {
          const end = inFlight.begin(m);
          seen.push(inFlight.count(m));
          return end;
        },
      },
    });
    const answer = await service.chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 40,
      onDelta: (t) => pieces.push(t),
    });
    expect(pieces.length).toBe(40);
    expect(answer.text).toBe(pieces.join(''));
    expect(answer.completionTokens).toBe(40);
    expect(answer.promptTokens).toBeGreaterThan(0);
    expect(answer.finishReason).toBe('length');
    expect(answer.ttftMs).toBeGreaterThanOrEqual(140);
    // Generous bounds: the machine may be busy; the pacing (100 tok/s) is what must show, not its jitter.
    expect(answer.tokensPerSecond).toBeGreaterThan(50);
    expect(answer.tokensPerSecond).toBeLessThan(200);
    expect(answer.model).toBe('qwen2.5-7b-instruct');
    expect(seen).toEqual([1]);
    expect(inFlight.count('qwen2.5-7b-instruct')).toBe(0);
    expect(answer.energyWh).toBeNull();
  });

  it("attributes the answer's energy through the ledger for local endpoints", async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 500 });
    const recorded: Array<{ model: string; tokens: number }> = [];
    const service = createChatService({
      energy: {
        recordRequest: (r) => {
          recorded.push(r);
          return { energyJ: 36 };
        },
      },
    });
    const answer = await service.chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      modelKey: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 10,
    });
    expect(answer.energyWh).toBeCloseTo(0.01, 6);
    expect(recorded).toMatchObject([{ model: 'qwen2.5-7b-instruct', tokens: 10 }]);
  });

  it('waits for an energy figure that settles later (the reading after the answer), up to energyWaitMs', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 500 });
    const later = createChatService({
      energy: { recordRequest: () => new Promise((resolve) => setTimeout(() => resolve({ energyJ: 72 }), 50)) },
    });
    const answer = await later.chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 5,
    });
    expect(answer.energyWh).toBeCloseTo(0.02, 6);
    const never = createChatService({ energyWaitMs: 100, energy: { recordRequest: () => new Promise(() => {}) } });
    const t0 = Date.now();
    const unmeasured = await never.chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 5,
    });
    expect(unmeasured.energyWh).toBeNull();
    expect(unmeasured.text.length).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(10_000); // generous: it must not wait on the recorder forever
  });

  it('cancel stops the stream, keeps the partial answer and frees the model', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 50 });
    const inFlight = new InFlightRegistry();
    const service = createChatService({ inFlight });
    const controller = new AbortController();
    let n = 0;
    const answer = await service.chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 500,
      signal: controller.signal,
      onDelta: () => {
        if (++n === 3) controller.abort();
      },
    });
    expect(answer.finishReason).toBe('cancelled');
    expect(answer.text.length).toBeGreaterThan(0);
    expect(n).toBeLessThan(10);
    expect(inFlight.count('qwen2.5-7b-instruct')).toBe(0);
    // The emulator saw the client go away: its instance is no longer generating.
    await expect.poll(() => emu!.state.instances[0]!.activeRequests, { timeout: 5000 }).toBe(0);
  });

  it('a model that is not loaded is an error that says how to load it', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    const error = await createChatService()
      .chat({ endpoint: endpointOf(emu.url), model: 'deepseek-coder-33b-instruct', messages: ask })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('model-not-loaded');
    expect((error as ChatError).message).toMatch(
      /deepseek-coder-33b-instruct is not loaded.*lms load deepseek-coder-33b-instruct/,
    );
  });

  it('LM Studio going down mid-stream is "interrupted", with the partial answer kept', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 400 });
    emu.control.dropNextStreamAfter(5);
    const inFlight = new InFlightRegistry();
    const error = await createChatService({ inFlight })
      .chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask, maxTokens: 50 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe('interrupted');
    expect((error as ChatError).partialText.length).toBeGreaterThan(0);
    expect((error as ChatError).message).toMatch(/stopped halfway/);
    expect(inFlight.count('qwen2.5-7b-instruct')).toBe(0);
  });

  it('nothing listening is "not running", with what to do', async () => {
    emu = await createLmStudioEmulator();
    const url = emu.url;
    await emu.close();
    emu = null;
    const error = await createChatService()
      .chat({
        endpoint: { ...endpointOf(url), where: `${url} (from settings (lmstudio.baseUrl))` },
        model: 'x',
        messages: ask,
      })
      .catch((e: unknown) => e);
    expect((error as ChatError).code).toBe('not-running');
    // The same sentence as loadout models, presets and bench: the URL, where it came from, what to do.
    expect((error as ChatError).message).toContain(
      `LM Studio is not running at ${url} (from settings (lmstudio.baseUrl)). Open LM Studio and start its server`,
    );
  });

  it('a required token: missing is "unauthorized", the right one works', async () => {
    emu = await createLmStudioEmulator({
      preload: [{ key: 'qwen2.5-7b-instruct' }],
      token: 'sk-lm-abcdefgh:abcdefghijklmnopqrst',
    });
    const service = createChatService();
    const error = await service
      .chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask })
      .catch((e: unknown) => e);
    expect((error as ChatError).code).toBe('unauthorized');
    const ok = await service.chat({
      endpoint: endpointOf(emu.url, 'sk-lm-abcdefgh:abcdefghijklmnopqrst'),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 3,
    });
    expect(ok.completionTokens).toBe(3);
  });
});
