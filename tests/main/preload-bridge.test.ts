import type { IpcRenderer } from 'electron';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_WINDOW_CHANNELS, methodNames } from '../../shared/contract';
import { createPreloadBridge } from '../../electron/preload/bridge';

function fakeIpcRenderer() {
  const invoked: Array<[string, unknown]> = [];
  const sent: Array<unknown[]> = [];
  let eventListener: ((e: unknown, frame: unknown) => void) | null = null;
  const ipc = {
    invoke: async (channel: string, params: unknown) => {
      invoked.push([channel, params]);
      return { ok: true, result: channel };
    },
    send: (...args: unknown[]) => void sent.push(args),
    on: (channel: string, listener: (e: unknown, frame: unknown) => void) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      eventListener = listener;
      return ipc;
    },
  };
  return {
    ipc: ipc as unknown as Pick<IpcRenderer, 'invoke' | 'send' | 'on'>,
    invoked,
    sent,
    fire: (frame: unknown) => eventListener!({}, frame),
  };
}

describe('preload bridge (window.loadout)', () => {
  it('exposes one function per method, grouped by domain, and nothing raw', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const bridge = createPreloadBridge(ipc) as Record<string, Record<string, (p?: unknown) => Promise<unknown>>>;
    for (const method of methodNames) {
      const [domain, action] = method.split('.') as [string, string];
      expect(typeof bridge[domain]![action], method).toBe('function');
    }
    expect(Object.keys(bridge)).not.toContain('ipcRenderer');
    expect(Object.keys(bridge)).not.toContain('invoke');
    await expect(bridge.presets!.apply!({ id: 'dev' })).resolves.toEqual({ ok: true, result: 'loadout:presets.apply' });
    expect(invoked).toEqual([['loadout:presets.apply', { id: 'dev' }]]);
  });

  it('delivers events to subscribers until they unsubscribe, and refuses unknown events', () => {
    const { ipc, fire } = fakeIpcRenderer();
    const bridge = createPreloadBridge(ipc) as { on: (e: string, cb: (p: unknown) => void) => () => void };
    const got: unknown[] = [];
    const off = bridge.on('hardware.sample', (p) => got.push(p));
    fire({ event: 'hardware.sample', payload: 1 });
    fire({ event: 'chat.delta', payload: 2 });
    fire({ event: 'nonsense', payload: 3 });
    fire(null);
    off();
    fire({ event: 'hardware.sample', payload: 4 });
    expect(got).toEqual([1]);
    expect(() => bridge.on('ipc.anything', () => {})).toThrow(/not a Loadout event/);
  });

  it('tells every subscriber of an event when one throws, and reports the failure', () => {
    const { ipc, fire } = fakeIpcRenderer();
    const failures: Array<[unknown, string]> = [];
    const bridge = createPreloadBridge(ipc, (error, event) => failures.push([error, event])) as {
      on: (e: string, cb: (p: unknown) => void) => () => void;
    };
    const broke = new Error('page listener broke');
    bridge.on('chat.delta', () => {
      throw broke;
    });
    const got: unknown[] = [];
    bridge.on('chat.delta', (p) => got.push(p));
    expect(() => fire({ event: 'chat.delta', payload: 1 })).not.toThrow();
    expect(got).toEqual([1]);
    expect(failures).toEqual([[broke, 'chat.delta']]);
  });

  it('sends the window actions on their channels', () => {
    const { ipc, sent } = fakeIpcRenderer();
    const bridge = createPreloadBridge(ipc) as { hideWindow: () => void; openExternal: (u: unknown) => void };
    bridge.hideWindow();
    bridge.openExternal('https://lmstudio.ai');
    bridge.openExternal({ toString: () => 'x' });
    expect(sent).toEqual([[IPC_WINDOW_CHANNELS.hide], [IPC_WINDOW_CHANNELS.openExternal, 'https://lmstudio.ai']]);
  });
});
