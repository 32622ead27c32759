/**
 * `delegation.*` through the contract dispatcher over a real core (createAppCore → createAppApi) and the
 * LM Studio emulator: input parsed, output checked against the schema, progress to the caller only, the
 * ledger written, faults as API errors that name the field, cancellation by request id.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppApi, type AppApi } from '../../../electron/core/api/create-app-api';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { createContractDispatch, type ContractEventSink, type EventName } from '../../../shared/contract';
import { createLmStudioEmulator, type LmStudioEmulator } from '../../emulator';

let emu: LmStudioEmulator | null = null;
let core: AppCore | null = null;
let api: AppApi | null = null;
let home = '';
afterEach(async () => {
  api?.dispose();
  await core?.dispose();
  await emu?.close();
  fs.rmSync(home, { recursive: true, force: true });
  emu = core = api = null;
});

const caller = (callerId: string) => ({ transport: 'ws' as const, callerId });
const CODE = 'Write a TypeScript function that debounces another function, with its types.';

async function start(mcp: Record<string, unknown> = {}, tokensPerSecond = 400) {
  emu = await createLmStudioEmulator({
    tokensPerSecond,
    preload: [{ key: 'qwen2.5-coder-14b-instruct', contextLength: 16384 }],
  });
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-delegation-api-'));
  core = createAppCore({ dataDir: home, env: { LOADOUT_LMSTUDIO_URL: emu.url, PATH: '' }, onMessage: () => {} });
  core.settings.update((s) => ({ ...s, mcp: { ...s.mcp, ...mcp } }));
  const seen: Array<{ event: EventName; payload: unknown; to?: string }> = [];
  const events: ContractEventSink = { emit: (event, payload, to) => void seen.push({ event, payload, to }) };
  api = createAppApi(core, { host: 'serve', events, env: {} });
  return { dispatch: createContractDispatch(api.handlers), seen, core };
}

describe('delegation.* through the contract', () => {
  it('answers, records the ask in the ledger under the client, and sends progress to the caller only', async () => {
    const { dispatch, seen, core } = await start({ maxConcurrent: 1 });
    const [first, second] = await Promise.all([
      dispatch(
        'delegation.ask',
        { prompt: CODE, task: 'code', maxTokens: 8, client: 'claude-code', requestId: 'a1' },
        caller('one'),
      ),
      dispatch(
        'delegation.ask',
        { prompt: CODE, task: 'code', maxTokens: 8, client: 'claude-code', requestId: 'b1' },
        caller('two'),
      ),
    ]);
    expect(first).toMatchObject({
      ok: true,
      result: { answered: true, model: 'qwen2.5-coder-14b-instruct', completionTokens: 8, task: 'code' },
    });
    expect(second).toMatchObject({ ok: true, result: { answered: true } });
    const progress = seen.filter((e) => e.event === 'delegation.progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const e of progress)
      expect(e.to).toBe((e.payload as { requestId: string }).requestId === 'a1' ? 'one' : 'two');
    expect(progress.some((e) => (e.payload as { phase: string }).phase === 'queued')).toBe(true);
    const summary = core.delegationLedger.delegationSummary({ since: 0, until: Date.now() + 1000, by: 'client' });
    expect(summary.rows).toEqual([
      expect.objectContaining({ key: 'claude-code', tasks: 2, answered: 2, completionTokens: 16 }),
    ]);
  });

  it('answers a decline as a result, not an error', async () => {
    const { dispatch } = await start({ minConfidence: 1 });
    const r = await dispatch('delegation.ask', { prompt: 'Plan a birthday party for ten kids.' }, caller('one'));
    expect(r).toMatchObject({
      ok: true,
      result: { answered: false, declined: true, reason: expect.stringMatching(/^keep this one:/) },
    });
  });

  it('refuses bad input and files outside mcp.fileRoots with errors that name the field', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loadout-roots-'));
    try {
      const { dispatch } = await start({ fileRoots: [root] });
      expect(await dispatch('delegation.ask', { prompt: '', task: 'code' }, caller('one'))).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'prompt' }] },
      });
      expect(await dispatch('delegation.ask', { prompt: 'x', task: 'poetry' }, caller('one'))).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'task' }] },
      });
      const outside = await dispatch(
        'delegation.ask',
        { prompt: 'Review this.', files: ['/etc/hostname'] },
        caller('one'),
      );
      expect(outside).toMatchObject({
        ok: false,
        error: {
          code: 'refused',
          issues: [{ path: 'files.0' }],
          message: expect.stringContaining(
            `"/etc/hostname" is outside the folders Loadout may read (mcp.fileRoots: ${root})`,
          ),
        },
      });
      const badSchema = await dispatch(
        'delegation.ask',
        { prompt: 'x', jsonSchema: { type: 'no-such-type' } },
        caller('one'),
      );
      expect(badSchema).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'jsonSchema' }] },
      });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('cancels a running ask by its request id, only for the caller that started it', async () => {
    const { dispatch, seen } = await start({}, 20);
    const asked = dispatch(
      'delegation.ask',
      { prompt: CODE, task: 'code', maxTokens: 400, requestId: 'long' },
      caller('one'),
    );
    while (!seen.some((e) => (e.payload as { phase?: string }).phase === 'answering'))
      await new Promise((r) => setImmediate(r));
    expect(await dispatch('delegation.cancel', { requestId: 'long' }, caller('two'))).toEqual({
      ok: true,
      result: { cancelled: false },
    });
    expect(await dispatch('delegation.cancel', { requestId: 'long' }, caller('one'))).toEqual({
      ok: true,
      result: { cancelled: true },
    });
    expect(await asked).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });
});
