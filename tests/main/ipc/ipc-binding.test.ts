import { describe, expect, it } from 'vitest';
import {
  createContractDispatch,
  createEventHub,
  IPC_EVENT_CHANNEL,
  IPC_WINDOW_CHANNELS,
  ipcChannelFor,
  methodNames,
  type CallContext,
  type ContractHandlers,
} from '../../../shared/contract';
import { bindContractToIpc } from '../../../electron/main/ipc/ipc-binding';
import { isOwnPageUrl } from '../../../electron/main/ipc/trusted-sender';
import { FakeIpcMain, FakeWebContents } from '../../support/electron-fakes';

const ownPage = 'app://loadout/monitor.html';

function setup(devServerUrl: string | null = null) {
  const ipcMain = new FakeIpcMain();
  const events = createEventHub();
  const calls: unknown[] = [];
  const handlers = {
    'presets.get': async (params: { id: string }) => {
      calls.push(params);
      return { id: params.id, name: 'Dev', description: '', models: [], exclusive: true, builtIn: false };
    },
    // Like the quick chat: a request's stream is addressed to the caller the binding named.
    'chat.cancel': async ({ requestId }: { requestId: string }, context: CallContext) => {
      events.emit('chat.delta', { requestId, text: 'Olá' }, context.callerId);
      return { cancelled: true };
    },
  } as unknown as ContractHandlers;
  const hidden: number[] = [];
  const opened: string[] = [];
  const refused: string[] = [];
  const binding = bindContractToIpc({
    ipcMain: ipcMain.asElectron(),
    dispatch: createContractDispatch(handlers),
    events,
    policy: { devServerUrl },
    hideWindowOf: (contents) => hidden.push(contents.id),
    openExternal: (url) => opened.push(url),
    onRefused: (channel) => refused.push(channel),
  });
  return { ipcMain, events, calls, binding, hidden, opened, refused };
}

describe('app API over IPC', () => {
  it('registers one handler per contract method', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map(ipcChannelFor).sort());
  });

  it('serves a trusted window and parses its input', async () => {
    const { ipcMain, binding, calls } = setup();
    const contents = new FakeWebContents();
    binding.trust(contents.asElectron());
    await expect(ipcMain.invoke(contents, ownPage, 'loadout:presets.get', { id: 'dev' })).resolves.toMatchObject({
      ok: true,
      result: { id: 'dev' },
    });
    await expect(ipcMain.invoke(contents, ownPage, 'loadout:presets.get', { id: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(calls).toEqual([{ id: 'dev' }]);
  });

  it('refuses unknown webContents, subframes, foreign pages and file:// pages, even of the bundle', async () => {
    const { ipcMain, binding, calls, refused } = setup();
    const known = new FakeWebContents();
    binding.trust(known.asElectron());
    const stranger = new FakeWebContents();
    const attempts = [
      ipcMain.invoke(stranger, ownPage, 'loadout:presets.get', { id: 'a' }),
      ipcMain.invoke(known, ownPage, 'loadout:presets.get', { id: 'b' }, { url: ownPage }),
      ipcMain.invoke(known, 'https://evil.example/', 'loadout:presets.get', { id: 'c' }),
      ipcMain.invoke(known, 'file:///home/user/Downloads/evil.html', 'loadout:presets.get', { id: 'd' }),
      ipcMain.invoke(known, 'file:///opt/Loadout/resources/app.asar/out/renderer/monitor.html', 'loadout:presets.get', {
        id: 'e',
      }),
      ipcMain.invoke(known, 'app://evil/monitor.html', 'loadout:presets.get', { id: 'f' }),
      ipcMain.invoke(known, 'app://loadout.evil.example/monitor.html', 'loadout:presets.get', { id: 'g' }),
      ipcMain.invoke(known, 'apps://loadout/monitor.html', 'loadout:presets.get', { id: 'h' }),
    ];
    for (const result of await Promise.all(attempts))
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
    expect(refused).toHaveLength(8);
  });

  it('forgets a window when its webContents is destroyed', async () => {
    const { ipcMain, binding } = setup();
    const contents = new FakeWebContents();
    binding.trust(contents.asElectron());
    contents.destroy();
    await expect(ipcMain.invoke(contents, ownPage, 'loadout:presets.get', { id: 'dev' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('trusts the app origin, and the dev server origin only in dev', () => {
    expect(isOwnPageUrl('app://loadout/settings.html', { devServerUrl: null })).toBe(true);
    expect(isOwnPageUrl('app://loadout/settings.html', { devServerUrl: 'http://localhost:5173' })).toBe(true);
    expect(isOwnPageUrl('app://user@loadout/settings.html', { devServerUrl: null })).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/monitor.html', { devServerUrl: 'http://localhost:5173' })).toBe(true);
    expect(isOwnPageUrl('http://localhost:5174/monitor.html', { devServerUrl: 'http://localhost:5173' })).toBe(false);
    expect(isOwnPageUrl('http://localhost:5173/monitor.html', { devServerUrl: null })).toBe(false);
  });

  it('pushes events to trusted windows only, and stops after dispose', () => {
    const { events, binding, ipcMain } = setup();
    const trusted = new FakeWebContents();
    const other = new FakeWebContents();
    binding.trust(trusted.asElectron());
    events.emit('chat.delta', { requestId: 'r1', text: 'Olá' });
    expect(trusted.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: [{ event: 'chat.delta', payload: { requestId: 'r1', text: 'Olá' } }] },
    ]);
    expect(other.sent).toEqual([]);
    binding.dispose();
    events.emit('chat.delta', { requestId: 'r1', text: 'more' });
    expect(trusted.sent).toHaveLength(1);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('sends an event addressed to a caller only to the window that asked', async () => {
    const { events, binding, ipcMain } = setup();
    const asker = new FakeWebContents();
    const other = new FakeWebContents();
    binding.trust(asker.asElectron());
    binding.trust(other.asElectron());
    await expect(ipcMain.invoke(asker, ownPage, 'loadout:chat.cancel', { requestId: 'r1' })).resolves.toMatchObject({
      ok: true,
    });
    expect(asker.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: [{ event: 'chat.delta', payload: { requestId: 'r1', text: 'Olá' } }] },
    ]);
    expect(other.sent).toEqual([]);
    events.emit('chat.done', { requestId: 'r1', finishReason: 'stop', error: null, usage: null });
    expect(other.sent.map((m) => m.args[0])).toEqual([
      { event: 'chat.done', payload: expect.objectContaining({ requestId: 'r1' }) },
    ]);
  });

  it('hides the asking window and opens only http(s) links from trusted pages', () => {
    const { ipcMain, binding, hidden, opened } = setup();
    const contents = new FakeWebContents();
    binding.trust(contents.asElectron());
    ipcMain.send(contents, ownPage, IPC_WINDOW_CHANNELS.hide);
    ipcMain.send(contents, ownPage, IPC_WINDOW_CHANNELS.openExternal, 'https://lmstudio.ai');
    ipcMain.send(contents, ownPage, IPC_WINDOW_CHANNELS.openExternal, 'file:///etc/passwd');
    ipcMain.send(contents, 'https://evil.example/', IPC_WINDOW_CHANNELS.openExternal, 'https://phish.example');
    expect(hidden).toEqual([contents.id]);
    expect(opened).toEqual(['https://lmstudio.ai']);
  });
});
