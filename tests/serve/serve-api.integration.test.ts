import { describe, expect, it } from 'vitest';
import type { HardwareSample } from '../../shared/hardware/sample';
import { ApiSocket } from '../support/server-harness';
import { useServeSession } from '../support/serve-session';

const session = useServeSession();

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
    const socket = await session.start();
    const set = await socket.call('settings.set', { energy: { tariff: 0.89, currency: 'BRL' }, ui: { theme: 'dark' } });
    expect(set.result).toMatchObject({
      energy: { tariff: 0.89, currency: 'BRL' },
      ui: { theme: 'dark', quickChatHotkey: 'Control+Alt+Space' },
    });
    const got = await socket.call('settings.get');
    expect(got.result).toMatchObject({ energy: { tariff: 0.89 }, ui: { theme: 'dark' } });
    expect(JSON.stringify(got.result)).not.toContain('tokenEncrypted');
  });

  it('pushes core events to every client', async () => {
    const harness = await session.open();
    const socket = await session.connect();
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
    const socket = await session.start();
    expect((await socket.sendRaw('not json {', null)).error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('JSON'),
    });
    expect((await socket.sendRaw(JSON.stringify({ method: 'app.info' }), null)).error).toMatchObject({
      code: 'invalid-input',
    });
    expect((await socket.sendRaw(JSON.stringify({ id: 7, method: 42 }), 7)).error).toMatchObject({
      code: 'invalid-input',
    });
    expect((await socket.sendRaw(Buffer.from([1, 2, 3]), null)).error).toMatchObject({ code: 'invalid-input' });
    expect((await socket.call('no.such')).error).toMatchObject({ code: 'unknown-method' });
    expect((await socket.call('__proto__')).error).toMatchObject({ code: 'unknown-method' });
    const bad = await socket.call('settings.set', { sampler: { intervalMs: 'fast' } });
    expect(bad.error).toMatchObject({
      code: 'invalid-input',
      issues: [expect.objectContaining({ path: 'sampler.intervalMs' })],
    });
    expect((await socket.call('presets.get', { id: 'no-such-preset' })).error).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('Known presets'),
    });
    expect((await socket.call('app.info')).result).toMatchObject({ name: 'Loadout' });
  });

  it('refuses to store the LM Studio token in plain text when no keychain exists (headless)', async () => {
    const socket = await session.start();
    const res = await socket.call('settings.setLmStudioToken', { token: 'sk-lm-secret' });
    expect(res.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining('LM_API_TOKEN') });
    expect((await socket.call('settings.get')).result).toMatchObject({ lmstudio: { hasToken: false } });
  });
});

describe('loadout serve: energy from the real ledger', () => {
  it('summarizes, reports by state and charts per-minute rollups of ingested samples', async () => {
    const harness = await session.open();
    await harness.core.settings.update((s) => ({ ...s, energy: { ...s.energy, tariff: 1, currency: 'BRL' } }));
    const tracker = harness.core.energy.service().tracker;
    // 3 minutes at a steady 360 W, 1 Hz, ending now: 360 W × 180 s = 64.8 kJ = 0.018 kWh.
    const end = Date.now();
    for (let t = end - 180_000; t <= end; t += 1000) {
      const at = new Date(t).toISOString();
      tracker.ingest({
        ...sample,
        timestamp: at,
        gpuSource: 'nvidia-smi',
        gpuUnavailableReason: null,
        gpus: [
          {
            index: 0,
            name: 'NVIDIA H200',
            uuid: 'GPU-test',
            utilizationPercent: 0,
            memoryUtilizationPercent: 0,
            memoryUsedBytes: 1,
            memoryTotalBytes: 2,
            temperatureC: 30,
            powerW: 360,
            powerLimitW: 700,
            energyCounterMJ: null,
            clockSmMHz: null,
            clockMemMHz: null,
            fanPercent: null,
            pstate: 'P0',
            sampledAt: at,
          },
        ],
      });
    }
    tracker.flush();
    const socket = await session.connect();
    const summary = (await socket.call('energy.summary')).result as {
      month: { kWh: number; cost: { amount: number; currency: string } | null };
      method: string;
    };
    expect(summary.month.kWh).toBeCloseTo(0.018, 3);
    expect(summary.month.cost).toEqual({ amount: expect.closeTo(0.018, 3), currency: 'BRL' });
    expect(summary.method).toBe('power-integration');
    const byState = (await socket.call('energy.report', { since: '24h', by: 'state' })).result as {
      rows: Array<{ key: string; kWh: number }>;
    };
    expect(byState.rows.map((r) => r.key)).toEqual(['idleEmpty', 'loadedIdle', 'inferring']);
    expect(byState.rows.reduce((s, r) => s + r.kWh, 0)).toBeCloseTo(0.018, 3);
    const rollups = (await socket.call('energy.rollups', { sinceMs: end - 3_600_000 })).result as Array<{
      energyWh: number;
      avgPowerW: number;
    }>;
    expect(rollups.length).toBeGreaterThanOrEqual(3);
    expect(rollups.reduce((s, r) => s + r.energyWh, 0)).toBeCloseTo(18, 0);
    expect(rollups.some((r) => Math.abs(r.avgPowerW - 360) < 1)).toBe(true);
  });
});
