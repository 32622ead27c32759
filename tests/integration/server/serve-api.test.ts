import { afterEach, describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../../shared/hardware/sample';
import { ApiSocket, startHarness, type Harness } from './server-harness';

let harness: Harness | null = null;
let socket: ApiSocket | null = null;
afterEach(async () => {
  socket?.close();
  socket = null;
  await harness?.close();
  harness = null;
});

const sample: HardwareSample = {
  timestamp: '2026-11-26T03:05:17.345Z',
  cpu: { loadPercent: 12.5, perCore: [10.1, 14.9] },
  memory: { totalBytes: 1000, usedBytes: 400, availableBytes: 600 },
  gpus: [],
  gpuSource: 'none',
  gpuUnavailableReason: 'no NVIDIA driver found',
};

describe('loadout serve: the app API over WebSocket', () => {
  it('answers method calls and saves settings through the real store', async () => {
    harness = await startHarness();
    socket = await ApiSocket.connect(harness.server.port);
    const set = await socket.call('settings.set', { energy: { tariff: 0.89, currency: 'BRL' }, ui: { theme: 'dark' } });
    expect(set.result).toMatchObject({ energy: { tariff: 0.89, currency: 'BRL' }, ui: { theme: 'dark', quickChatHotkey: 'Control+Alt+Space' } });
    const got = await socket.call('settings.get');
    expect(got.result).toMatchObject({ energy: { tariff: 0.89 }, ui: { theme: 'dark' } });
    expect(JSON.stringify(got.result)).not.toContain('tokenEncrypted');
  });

  it('pushes core events to every client', async () => {
    harness = await startHarness();
    socket = await ApiSocket.connect(harness.server.port);
    const other = await ApiSocket.connect(harness.server.port);
    await socket.call('app.info');
    harness.events.emit('hardware.sample', sample);
    expect(await socket.waitForEvent('hardware.sample')).toEqual(sample);
    expect(await other.waitForEvent('hardware.sample')).toEqual(sample);
    await other.call('settings.set', { ui: { language: 'pt-BR' } });
    expect(await socket.waitForEvent('settings.changed')).toMatchObject({ ui: { language: 'pt-BR' } });
    other.close();
  });

  it('answers malformed frames with an error and keeps serving', async () => {
    harness = await startHarness();
    socket = await ApiSocket.connect(harness.server.port);
    expect((await socket.sendRaw('not json {', null)).error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('JSON') });
    expect((await socket.sendRaw(JSON.stringify({ method: 'app.info' }), null)).error).toMatchObject({ code: 'invalid-input' });
    expect((await socket.sendRaw(JSON.stringify({ id: 7, method: 42 }), 7)).error).toMatchObject({ code: 'invalid-input' });
    expect((await socket.sendRaw(Buffer.from([1, 2, 3]), null)).error).toMatchObject({ code: 'invalid-input' });
    expect((await socket.call('no.such')).error).toMatchObject({ code: 'unknown-method' });
    expect((await socket.call('__proto__')).error).toMatchObject({ code: 'unknown-method' });
    const bad = await socket.call('settings.set', { sampler: { intervalMs: 'fast' } });
    expect(bad.error).toMatchObject({ code: 'invalid-input', issues: [expect.objectContaining({ path: 'sampler.intervalMs' })] });
    expect((await socket.call('presets.get', { id: 'dev' })).error).toMatchObject({ code: expect.stringMatching(/unavailable|not-found/) });
    expect((await socket.call('app.info')).result).toMatchObject({ name: 'Loadout' });
  });

  it('refuses to store the LM Studio token in plain text when no keychain exists (headless)', async () => {
    harness = await startHarness();
    socket = await ApiSocket.connect(harness.server.port);
    const res = await socket.call('settings.setLmStudioToken', { token: 'sk-lm-secret' });
    expect(res.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('LM_API_TOKEN') });
    expect((await socket.call('settings.get')).result).toMatchObject({ lmstudio: { hasToken: false } });
  });
});
