/** The emulator's scripted answers (Markdown the UI must render) and single-chunk streams (a burst of deltas from one network read). */
import { afterEach, describe, expect, it } from 'vitest';
import { createChatService, type ChatEndpoint } from '../../electron/core/chat/chat-service';
import { createLmStudioEmulator, type LmStudioEmulator } from './';
import { splitAnswerText } from './chat-generation';

let emu: LmStudioEmulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const MARKDOWN = '# Title\n\nSome **bold** text.\n\n```ts\nconst x = 1;\n```\n';
const endpointOf = (url: string): ChatEndpoint => ({
  id: 'local',
  label: `LM Studio at ${url}`,
  kind: 'local',
  openAiBaseUrl: `${url}/v1`,
  apiKey: null,
});
const ask = [{ role: 'user' as const, content: 'Show me Markdown' }];

describe('emulator scripted answers', () => {
  it('streams the set text a word per chunk, joined back exactly', async () => {
    emu = await createLmStudioEmulator({
      preload: [{ key: 'qwen2.5-7b-instruct' }],
      tokensPerSecond: 10_000,
      timeToFirstTokenMs: 0,
      answerText: MARKDOWN,
    });
    const pieces: string[] = [];
    const answer = await createChatService().chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      onDelta: (t) => pieces.push(t),
    });
    expect(pieces).toEqual(splitAnswerText(MARKDOWN));
    expect(pieces.length).toBeGreaterThan(5);
    expect(answer.text).toBe(MARKDOWN);
    expect(answer.finishReason).toBe('stop');
  });

  it('sends the whole stream, an event per token, in one network write in single-chunk mode (set at run time)', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], timeToFirstTokenMs: 0 });
    emu.control.set({ answerText: MARKDOWN, singleChunk: true });
    const res = await fetch(`${emu.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen2.5-7b-instruct', messages: ask, stream: true }),
    });
    const reads: string[] = [];
    const decoder = new TextDecoder();
    for await (const part of res.body!) reads.push(decoder.decode(part as Uint8Array, { stream: true }));
    // One write of ~2 KB on loopback arrives in one read: every token, the end and [DONE] together.
    const withContent = reads.filter((r) => r.includes('"content"'));
    expect(withContent).toHaveLength(1);
    expect(withContent[0]).toContain('data: [DONE]');
    const events = withContent[0]!
      .split('\n\n')
      .filter((e) => e.startsWith('data: {'))
      .map((e) => JSON.parse(e.slice(6)) as { choices: Array<{ delta?: { content?: string } }> });
    expect(events.map((e) => e.choices[0]?.delta?.content).filter(Boolean)).toEqual(splitAnswerText(MARKDOWN));

    const pieces: string[] = [];
    const answer = await createChatService().chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      onDelta: (t) => pieces.push(t),
    });
    expect(pieces).toEqual(splitAnswerText(MARKDOWN));
    expect(answer.text).toBe(MARKDOWN);
    emu.control.set({ answerText: null, singleChunk: false });
    const derived = await createChatService().chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 4,
    });
    expect(derived.text).toBe('Emulated answer about show');
  });

  it('cuts a scripted answer at max_tokens and says so', async () => {
    emu = await createLmStudioEmulator({
      preload: [{ key: 'qwen2.5-7b-instruct' }],
      tokensPerSecond: 10_000,
      timeToFirstTokenMs: 0,
      answerText: MARKDOWN,
    });
    const answer = await createChatService().chat({
      endpoint: endpointOf(emu.url),
      model: 'qwen2.5-7b-instruct',
      messages: ask,
      maxTokens: 2,
    });
    expect(answer.text).toBe('# Title');
    expect(answer.finishReason).toBe('length');
  });
});
