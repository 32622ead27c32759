import { describe, expect, it } from 'vitest';
import { AppApiError, createContractDispatch, createEventHub, type ContractHandlers } from '../../../shared/contract';

const ctx = { transport: 'ws' as const, callerId: 't' };

function dispatchWith(handlers: Partial<ContractHandlers>, onInternalError?: (m: string, e: unknown) => void) {
  return createContractDispatch(handlers as ContractHandlers, { onInternalError });
}

describe('contract dispatch', () => {
  it('passes parsed input (defaults filled) to the handler and returns the checked result', async () => {
    const seen: unknown[] = [];
    const dispatch = dispatchWith({ 'models.unloadAll': async (p) => (seen.push(p), { unloaded: ['a'] }) });
    await expect(dispatch('models.unloadAll', {}, ctx)).resolves.toEqual({ ok: true, result: { unloaded: ['a'] } });
    await expect(dispatch('models.unloadAll', null, ctx)).resolves.toMatchObject({ ok: true });
    expect(seen).toEqual([{ includePinned: false }, undefined]);
  });

  it('keeps a handler’s own error and hides nothing a person needs', async () => {
    const dispatch = dispatchWith({
      'presets.get': async () => {
        throw new AppApiError('not-found', 'No preset "x". Known presets: dev.');
      },
    });
    await expect(dispatch('presets.get', { id: 'x' }, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No preset "x". Known presets: dev.' },
    });
  });

  it("carries an error's problem as data, for a window to word in its language", async () => {
    const dispatch = dispatchWith({
      'remoteAccess.token': async () => {
        throw new AppApiError('refused', 'Remote access is off: no OS keychain.', undefined, { kind: 'no-keychain' });
      },
    });
    await expect(dispatch('remoteAccess.token', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'refused', message: 'Remote access is off: no OS keychain.', problem: { kind: 'no-keychain' } },
    });
  });

  it('reports a result that breaks the contract as internal, and tells the logger', async () => {
    const logged: string[] = [];
    const dispatch = dispatchWith({ 'presets.delete': async () => ({ deleted: 'yes' }) as never }, (m) =>
      logged.push(m),
    );
    const res = await dispatch('presets.delete', { id: 'a' }, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('deleted') } });
    expect(logged).toEqual(['presets.delete']);
  });

  it('turns unexpected throws into internal errors without rejecting', async () => {
    const dispatch = dispatchWith({
      'app.info': async () => {
        throw new TypeError('x is undefined');
      },
    });
    await expect(dispatch('app.info', undefined, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('x is undefined') },
    });
  });

  it('refuses non-string and unknown method names', async () => {
    const dispatch = dispatchWith({});
    for (const name of [undefined, 42, { toString: () => 'app.info' }, 'constructor', 'hasOwnProperty']) {
      await expect(dispatch(name, undefined, ctx)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown-method' },
      });
    }
  });

  it('event hub: a listener that throws does not stop the others', () => {
    const errors: unknown[] = [];
    const hub = createEventHub((e) => errors.push(e));
    const got: string[] = [];
    hub.subscribe(() => {
      throw new Error('bad listener');
    });
    const off = hub.subscribe((e) => got.push(e.event));
    hub.emit('chat.delta', { requestId: 'r', text: 't' });
    off();
    hub.emit('chat.delta', { requestId: 'r', text: 't' });
    expect(got).toEqual(['chat.delta']);
    expect(errors).toHaveLength(2);
  });

  it('event hub: hands out a narrowed {event, payload} and the caller it is addressed to', () => {
    const hub = createEventHub();
    const got: Array<{ text: string; to: string | undefined }> = [];
    hub.subscribe((e, to) => {
      // No cast: the event name narrows the payload.
      if (e.event === 'chat.delta') got.push({ text: e.payload.text, to });
    });
    hub.emit('chat.delta', { requestId: 'r', text: 'a' }, 'ws-2');
    hub.emit('chat.delta', { requestId: 'r', text: 'b' });
    expect(got).toEqual([
      { text: 'a', to: 'ws-2' },
      { text: 'b', to: undefined },
    ]);
  });
});
