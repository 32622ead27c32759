/** The chat service never passes a fault off as an answer: LM Studio's HTTP-200 error, a cut stream, a server that is not LM Studio. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import {
  createChatService,
  type ChatEndpoint,
  type RequestEnergyRecorder,
} from '../../../electron/core/chat/chat-service';
import { ChatError } from '../../../electron/core/chat/chat-errors';
import { InFlightRegistry } from '../../../electron/core/presets/in-flight-registry';

let emu: LmStudioEmulator;
afterEach(async () => {
  await emu.close();
});

const endpointOf = (url: string): ChatEndpoint => ({
  id: 'local',
  label: `LM Studio at ${url}`,
  kind: 'local',
  openAiBaseUrl: `${url}/v1`,
  apiKey: null,
});
const ask = [{ role: 'user' as const, content: 'Explain KV cache offload in one paragraph.' }];
const MODEL = 'qwen2.5-7b-instruct';

/** A chat that must fail: the ChatError, and whether the ledger was asked to cost it. */
async function failingChat(): Promise<{ error: ChatError; recorded: number; inFlight: number }> {
  let recorded = 0;
  const energy: RequestEnergyRecorder = {
    recordRequest: () => {
      recorded++;
      return { energyJ: 1 };
    },
  };
  const inFlight = new InFlightRegistry();
  const error = await createChatService({ energy, inFlight })
    .chat({ endpoint: endpointOf(emu.url), model: MODEL, messages: ask, maxTokens: 40 })
    .then(
      (answer) => {
        throw new Error(`expected a failure, got an answer: ${JSON.stringify(answer)}`);
      },
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ChatError);
  return { error: error as ChatError, recorded, inFlight: inFlight.count(MODEL) };
}

describe('chat service faults', () => {
  it('HTTP 200 {"error": "Model is unloaded."} is an error quoting LM Studio, never an empty answer, and costs nothing', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    emu.control.failNextChat({ kind: 'error-body' });
    const { error, recorded, inFlight } = await failingChat();
    expect(error.code).toBe('model-not-loaded');
    expect(error.serverMessage).toBe('Model is unloaded.');
    expect(error.message).toMatch(/answered with an error instead of an answer: "Model is unloaded\."/);
    expect(error.message).toMatch(/lms load qwen2\.5-7b-instruct/);
    expect(recorded).toBe(0);
    expect(inFlight).toBe(0);
  });

  it('any other HTTP-200 error body is "failed" with LM Studio\'s words', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    emu.control.failNextChat({ kind: 'error-body', message: 'Context length exceeded.' });
    const { error, recorded } = await failingChat();
    expect(error.code).toBe('failed');
    expect(error.message).toContain('"Context length exceeded."');
    expect(recorded).toBe(0);
  });

  it('a stream that ends cleanly without finish_reason or [DONE] is cut: the partial text is kept, nothing is costed', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }], tokensPerSecond: 400 });
    emu.control.failNextChat({ kind: 'clean-eof', afterTokens: 5 });
    const { error, recorded, inFlight } = await failingChat();
    expect(error.code).toBe('interrupted');
    expect(error.partialText).toBe('Emulated answer about explain kv');
    expect(error.message).toMatch(/stopped halfway.*without saying it was finished.*marked as cut/);
    expect(recorded).toBe(0);
    expect(inFlight).toBe(0);
  });

  it.each([
    ['html', /answered with an HTML page, not with an answer: the server at that address is not LM Studio/],
    ['garbage', /answered with application\/octet-stream that is not an OpenAI answer .*is not LM Studio/],
  ] as const)('a server that is not LM Studio (%s) is named as such, not as "not running"', async (impostor, said) => {
    emu = await createLmStudioEmulator({ preload: [{ key: MODEL }] });
    emu.control.set({ impostor });
    const { error, recorded } = await failingChat();
    expect(error.code).toBe('not-lmstudio');
    expect(error.message).toMatch(said);
    expect(error.message).toMatch(/Check the address/);
    expect(recorded).toBe(0);
  });
});
