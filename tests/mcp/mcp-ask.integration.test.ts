/**
 * The `ask` tool through `loadout mcp` (stdio, the official SDK client) against the LM Studio emulator:
 * a routed local answer with its model and figures in both revisions, a decline the caller can act on,
 * a file outside the allowed roots refused, and a cancellation that stops the emulator's stream.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLmStudioEmulator, FAKE_LMS_PATH, type LmStudioEmulator } from '../emulator';
import { connectStdio, REVISIONS, ROOT, textOf } from '../support/mcp-harness';

let home: string;
let emu: LmStudioEmulator | null = null;

const env = (lmstudioUrl: string) => ({
  LOADOUT_HOME: home,
  LOADOUT_LMSTUDIO_URL: lmstudioUrl,
  LOADOUT_LMS: FAKE_LMS_PATH,
  LOADOUT_NVML: 'off',
  LOADOUT_NVIDIA_SMI: path.join(ROOT, 'tests/fakes/nvidia-smi/nvidia-smi'),
  FAKE_NVSMI_SPEED: '4',
  LM_API_TOKEN: '',
});

interface AskStructured {
  answered: boolean;
  declined: boolean;
  reason: string;
  model: string | null;
  task: string;
  completionTokens: number;
}

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-mcp-ask-'));
});
afterEach(async () => {
  await emu?.close();
  emu = null;
  fs.rmSync(home, { recursive: true, force: true });
});

describe.each(REVISIONS)('ask over loadout mcp, protocol %s', { timeout: 120_000 }, (revision) => {
  it('answers with a loaded model and says which, with its tokens; declines vision work no local model can see', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 400 });
    const mcp = await connectStdio(revision, ['--standalone'], env(emu.url));
    try {
      const answer = await mcp.client.callTool({
        name: 'ask',
        arguments: { prompt: 'Summarize in one line: the build failed because a test timed out.', task: 'quick' },
      });
      expect(answer.isError, textOf(answer)).toBeFalsy();
      const s = answer.structuredContent as AskStructured;
      expect(s).toMatchObject({
        answered: true,
        declined: false,
        model: expect.stringContaining('qwen2.5-7b-instruct'),
      });
      expect(s.completionTokens).toBeGreaterThan(0);
      expect(textOf(answer)).toContain('qwen2.5-7b-instruct');

      const declined = await mcp.client.callTool({
        name: 'ask',
        arguments: { prompt: 'What is in this picture?', task: 'vision' },
      });
      expect(declined.isError).toBeFalsy();
      expect(declined.structuredContent).toMatchObject({ answered: false, declined: true });
      expect((declined.structuredContent as AskStructured).reason.length).toBeGreaterThan(10);
      expect(textOf(declined)).toMatch(/^Declined: /);

      // Both asks are in the delegation ledger under the name this client gave in its handshake or envelope.
      const energy = await mcp.client.callTool({ name: 'energy', arguments: {} });
      const delegations = (
        energy.structuredContent as {
          delegations: {
            byClient: Array<{ client: string; tasks: number; answered: number; declined: number }>;
          } | null;
        }
      ).delegations;
      expect(delegations?.byClient).toEqual([
        expect.objectContaining({ client: 'loadout-test-agent', tasks: 2, answered: 1, declined: 1 }),
      ]);
    } finally {
      await mcp.close();
    }
  });
});

describe('ask faults and cancellation', { timeout: 120_000 }, () => {
  it('refuses a file outside the allowed roots with a sentence naming it, and a malformed argument as invalid params', async () => {
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }] });
    const mcp = await connectStdio('2025-11-25', ['--standalone'], env(emu.url));
    try {
      const outside = path.join(home, 'secret.txt');
      fs.writeFileSync(outside, 'not for the model');
      const refused = await mcp.client.callTool({
        name: 'ask',
        arguments: { prompt: 'Summarize the file.', files: [outside] },
      });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toContain('secret.txt');
      expect(textOf(refused)).toMatch(/mcp\.fileRoots/);
      await expect(
        mcp.client.callTool({ name: 'ask', arguments: { prompt: 'x', task: 'poetry' } }),
      ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('`task`') });
      await expect(
        mcp.client.callTool({ name: 'ask', arguments: { prompt: 'x', max_tokens: -1 } }),
      ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('`max_tokens`') });
    } finally {
      await mcp.close();
    }
  });

  it('stops the LM Studio stream when the client cancels the call', async () => {
    // Slow enough that the answer is still streaming when the cancellation arrives.
    emu = await createLmStudioEmulator({ preload: [{ key: 'qwen2.5-7b-instruct' }], tokensPerSecond: 2 });
    const mcp = await connectStdio('2025-11-25', ['--standalone'], env(emu.url));
    try {
      const controller = new AbortController();
      const call = mcp.client.callTool(
        {
          name: 'ask',
          arguments: {
            prompt: 'Summarize in one line: the build failed because a test timed out.',
            task: 'quick',
            max_tokens: 500,
          },
        },
        { signal: controller.signal },
      );
      let settled = false;
      void call.then(
        () => (settled = true),
        () => (settled = true),
      );
      while (!settled && !emu.state.instances.some((i) => i.activeRequests > 0))
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(settled, 'the ask ended before it streamed').toBe(false);
      controller.abort();
      await expect(call).rejects.toThrow();
      // The stream ends in the emulator: no request stays open on the model.
      while (emu.state.instances.some((i) => i.activeRequests > 0))
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(emu.state.instances[0]!.activeRequests).toBe(0);
      // And the server keeps serving.
      expect((await mcp.client.callTool({ name: 'status', arguments: {} })).isError).toBeFalsy();
    } finally {
      await mcp.close();
    }
  });
});
