/** The emulator's scripted answers (Markdown the UI must render) and single-chunk streams (a very fast server). */
import { afterEach, describe, expect, it } from 'vitest';
import { createChatService, type ChatEndpoint } from '../../../electron/core/chat/chat-service';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';
import { splitAnswerText } from '../../emulator/chat-generation';

let emu: LmStudioEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const MARKDOWN = '# Title\n\nSome **bold** text.\n\n```ts\nconst x = 1;\n```\n';
const endpointOf = (url: string): ChatEndpoint => ({ id: 'local', label: `LM Studio at ${url}`, kind: 'local', openAiBaseUrl: `${url}/v1`, apiKey: null });
const ask = [{ role: 'user' as const, content: 'Show me Markdown' }];

describe('emulator scripted answers', () => {
  it('streams the set text a word per chunk, joined back exactly', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 10_000, timeToFirstTokenMs: 0, answerText: MARKDOWN });
    const pieces: string[] = [];
    const answer = await createChatService().chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask, onDelta: (t) => pieces.push(t) });
    expect(pieces).toEqual(splitAnswerText(MARKDOWN));
    expect(pieces.length).toBeGreaterThan(5);
    expect(answer.text).toBe(MARKDOWN);
    expect(answer.finishReason).toBe('stop');
  });

  it('sends the whole answer in one chunk in single-chunk mode, set at run time, and still counts its tokens', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], timeToFirstTokenMs: 0 });
    emu.control.set({ answerText: MARKDOWN, singleChunk: true });
    const pieces: string[] = [];
    const answer = await createChatService().chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask, onDelta: (t) => pieces.push(t) });
    expect(pieces).toEqual([MARKDOWN]);
    expect(answer.completionTokens).toBe(splitAnswerText(MARKDOWN).length);
    emu.control.set({ answerText: null, singleChunk: false });
    const derived = await createChatService().chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask, maxTokens: 4 });
    expect(derived.text).toBe('Emulated answer about show');
  });

  it('cuts a scripted answer at max_tokens and says so', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 10_000, timeToFirstTokenMs: 0, answerText: MARKDOWN });
    const answer = await createChatService().chat({ endpoint: endpointOf(emu.url), model: 'qwen2.5-7b-instruct', messages: ask, maxTokens: 2 });
    expect(answer.text).toBe('# Title');
    expect(answer.finishReason).toBe('length');
  });
});
