import { describe, expect, it, vi } from 'vitest';
import { createWsTransport, defaultWsUrl } from '../../../renderer/src/api/transport-ws';
import { BRIDGE_GLOBAL_NAME, WS_PATH } from '../../../renderer/src/api/wire-constants';
import { BRIDGE_GLOBAL, WS_API_PATH } from '../../../shared/contract/wire';

/** A WebSocket double that records frames and lets the test play the server. */
class FakeSocket {
  static last: FakeSocket | null = null;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.onclose?.({ code: 1000, reason: '' });
  }
  open() {
    this.onopen?.();
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const make = () =>
  createWsTransport({
    url: 'ws://127.0.0.1:1/api/ws',
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    retryMs: 60_000,
  });

describe('the WebSocket transport', () => {
  it('queues calls until open, then matches answers by id (results and error values)', async () => {
    const t = make();
    const sock = FakeSocket.last!;
    const a = t.call('presets.list', undefined);
    const b = t.call('presets.apply', { id: 'x' });
    expect(sock.sent).toEqual([]);
    sock.open();
    expect(sock.sent.map((s) => JSON.parse(s))).toEqual([
      { id: 1, method: 'presets.list' },
      { id: 2, method: 'presets.apply', params: { id: 'x' } },
    ]);
    sock.reply({ id: 2, error: { code: 'refused', message: 'does not fit' } });
    sock.reply({ id: 1, result: { presets: [] } });
    expect(await a).toEqual({ ok: true, result: { presets: [] } });
    expect(await b).toEqual({ ok: false, error: { code: 'refused', message: 'does not fit' } });
    t.close();
  });

  it('delivers events to their listeners only, and ignores junk frames', () => {
    const t = make();
    const sock = FakeSocket.last!;
    sock.open();
    const got: unknown[] = [];
    const off = t.on('hardware.sample', (p) => got.push(p));
    sock.onmessage?.({ data: 'not json' });
    sock.reply({ event: 'chat.delta', payload: 1 });
    sock.reply({ event: 'hardware.sample', payload: 2 });
    off();
    sock.reply({ event: 'hardware.sample', payload: 3 });
    expect(got).toEqual([2]);
    t.close();
  });

  it('still tells the other listeners when one throws', () => {
    const t = make();
    const sock = FakeSocket.last!;
    sock.open();
    const got: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    t.on('chat.done', () => {
      throw new Error('listener bug');
    });
    t.on('chat.done', (p) => got.push(p));
    expect(() => sock.reply({ event: 'chat.done', payload: 'x' })).not.toThrow();
    expect(got).toEqual(['x']);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
    t.close();
  });

  it('fails pending calls with an actionable message when the connection drops, and reports the state', async () => {
    const t = make();
    const sock = FakeSocket.last!;
    const states: string[] = [];
    t.onStatus((s) => states.push(s));
    sock.open();
    const pending = t.call('models.list', undefined);
    sock.onclose?.({ code: 1006, reason: '' });
    const r = await pending;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/models\.list did not complete: .*code 1006.*Try again/);
    expect(states).toEqual(['connecting', 'open', 'closed']);
    t.close();
  });

  it('uses the page host, ws/wss by scheme, and passes a ?token on', () => {
    expect(defaultWsUrl({ protocol: 'http:', host: '127.0.0.1:1235', search: '' })).toBe('ws://127.0.0.1:1235/api/ws');
    expect(defaultWsUrl({ protocol: 'https:', host: 'box:9', search: '?token=a b' })).toBe(
      'wss://box:9/api/ws?token=a%20b',
    );
  });

  it('keeps its wire names equal to the contract', () => {
    expect(WS_PATH).toBe(WS_API_PATH);
    expect(BRIDGE_GLOBAL_NAME).toBe(BRIDGE_GLOBAL);
  });
});
