/**
 * The monitor across the desk in real Chromium: the built renderer served by the real `loadout serve`
 * HTTP/WebSocket server, whose contract calls a scripted core answers (this machine plus the fixture's
 * desk, and fleet.call for workstation), so the test asserts exactly which calls the window relays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createEventHub, type ContractEventHub } from '../../../shared/contract';
import type { EnergySummary } from '../../../shared/contract/energy';
import type { ApiResponse } from '../../../shared/contract/errors';
import { defaultSettings } from '../../../shared/settings/schema';
import { startLoadoutServer, type LoadoutServer } from '../../../electron/core/http/loadout-server';
import { collectPageErrors, launchChromium, saveScreenshot } from '../../e2e/browser-session';
import { findChromium } from '../../e2e/find-chromium';
import { ensureRendererBuild } from '../../e2e/renderer-build';
import { sampleAt } from '../../support/fake-api';
import { deskFleet } from './fleet-fixture';

const totals = (kWh: number, amount: number) => ({ kWh, cost: { amount, currency: 'USD' }, co2Grams: null });
const summary = (kWh: number, amount: number): EnergySummary => ({
  today: totals(kWh, amount),
  week: totals(kWh * 5, amount * 5),
  month: totals(kWh * 20, amount * 20),
  todayByState: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
  idleWasteToday: totals(0, 0),
  method: 'counter',
});
const models = (loaded: Array<{ key: string; name: string }>) => ({
  reachable: true,
  apiLevel: 'v1',
  message: null,
  catalog: [],
  loaded: loaded.map((m, i) => ({
    instanceId: `${m.key}-${i}`,
    modelKey: m.key,
    displayName: m.name,
    sizeBytes: 9e9,
    pinned: false,
    contextLength: 8192,
  })),
});
const noPresets = { presets: [], activePresetId: null, pinned: [], applyingPresetId: null };

/** This machine's answers, and workstation's through fleet.call. */
const LOCAL: Record<string, unknown> = {
  'settings.get': defaultSettings(),
  'fleet.list': deskFleet(),
  'hardware.history': [sampleAt(new Date(Date.now() - 1000).toISOString(), 120)],
  'models.list': models([{ key: 'llama-3.2-3b', name: 'Llama 3.2 3B' }]),
  'presets.list': noPresets,
  'energy.summary': summary(0.75, 0.3),
};
const WORKSTATION: Record<string, unknown> = {
  'hardware.history': [sampleAt(new Date(Date.now() - 2000).toISOString(), 281.4)],
  'hardware.latest': sampleAt(new Date().toISOString(), 290.5),
  'models.list': models([{ key: 'qwen2.5-coder-14b', name: 'Qwen2.5 Coder 14B' }]),
  'presets.list': noPresets,
  'energy.summary': summary(1.25, 0.5),
};

let server: LoadoutServer;
let events: ContractEventHub;
let browser: Browser;
const calls: Array<{ method: unknown; params: unknown }> = [];

const unavailable = (what: string): ApiResponse<unknown> => ({
  ok: false,
  error: { code: 'unavailable', message: what },
});

describe('the fleet monitor in Chromium', () => {
  beforeAll(async () => {
    findChromium();
    events = createEventHub();
    server = await startLoadoutServer({
      host: '127.0.0.1',
      port: 0,
      rendererDir: ensureRendererBuild(),
      events,
      dispatch: async (method, params): Promise<ApiResponse<unknown>> => {
        calls.push({ method, params });
        if (method === 'fleet.call') {
          const { machine, method: relayed } = params as { machine: string; method: string };
          if (machine !== 'workstation') return unavailable(`"${machine}" is not scripted`);
          return relayed in WORKSTATION ? { ok: true, result: WORKSTATION[relayed] } : unavailable(relayed);
        }
        return typeof method === 'string' && method in LOCAL
          ? { ok: true, result: LOCAL[method] }
          : unavailable(`${String(method)} is not scripted`);
      },
    });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openMonitor(locale: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale, colorScheme: 'light' });
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/monitor.html`);
    await page.getByTestId('machine-switcher').waitFor();
    return { page, errors };
  }

  it('shows a card per machine, the offline reason, and opens workstation from the keyboard through fleet.call', async () => {
    const { page, errors } = await openMonitor('en-US');
    await page.getByTestId('machine-switcher').selectOption({ label: 'All machines' });
    const overview = page.getByTestId('fleet-overview');
    await overview.waitFor();
    expect(await overview.getByRole('article').count()).toBe(5);
    const ws = page.getByTestId('machine-card-workstation');
    expect(await ws.getByTestId('machine-vram').textContent()).toBe('18.0 GiB used · 6.0 GiB free');
    expect(await ws.getByTestId('machine-gpu-util').textContent()).toBe('63 % · NVIDIA GeForce RTX 3090');
    expect(await ws.getByTestId('machine-power').textContent()).toBe('281 W');
    expect(await page.getByTestId('machine-card-laptop').getByTestId('machine-problem').textContent()).toContain(
      'Its certificate changed since it was added',
    );
    await saveScreenshot(page, 'fleet-overview-en');

    // Tab from the switcher reaches the cards' buttons; Enter on workstation's opens its monitor.
    await page.getByTestId('machine-switcher').focus();
    const target = 'Open the monitor of workstation';
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === target) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(target);
    const before = calls.length;
    await page.keyboard.press('Enter');
    await page.getByTestId('machine-monitor').waitFor();
    await expect.poll(() => page.getByTestId('stat-power').textContent()).toContain('290.5 W');
    await page.getByText('Qwen2.5 Coder 14B').waitFor();
    const relayed = calls
      .slice(before)
      .filter((c) => c.method === 'fleet.call')
      .map((c) => c.params);
    for (const method of ['hardware.history', 'hardware.latest', 'models.list', 'presets.list', 'energy.summary'])
      expect(relayed).toContainEqual({ machine: 'workstation', method });
    expect(relayed.every((p) => (p as { machine: string }).machine === 'workstation')).toBe(true);
    await saveScreenshot(page, 'fleet-machine-workstation-en');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('follows fleet.changed and speaks pt-BR', async () => {
    const { page, errors } = await openMonitor('pt-BR');
    await page.getByTestId('machine-switcher').selectOption({ label: 'Todas as máquinas' });
    const laptop = page.getByTestId('machine-card-laptop');
    expect(await laptop.getByTestId('machine-state').textContent()).toMatch(/Desconectada desde/);
    expect(await laptop.getByTestId('machine-problem').textContent()).toContain('O certificado dela mudou');
    const next = deskFleet({ lmLink: { available: true, servedBy: 'workstation', peers: [], message: null } });
    next.machines[1] = { ...next.machines[1]!, online: true, problem: null };
    events.emit('fleet.changed', next);
    await page.getByTestId('lm-link-served-by').waitFor();
    expect(await page.getByTestId('lm-link-served-by').textContent()).toBe(
      'Os pedidos ao LM Studio aqui são atendidos por workstation (LM Link).',
    );
    await expect.poll(() => laptop.getByTestId('machine-state').textContent()).toMatch(/Conectada desde/);
    await saveScreenshot(page, 'fleet-overview-pt-BR');
    // Back on this machine, the energy panel counts the desk.
    await page.getByTestId('machine-switcher').selectOption({ label: 'Esta máquina (desk-pc)' });
    expect(await page.getByTestId('desk-energy-total').textContent()).toMatch(/^Total da mesa2,00 kWh/);
    expect(await page.getByTestId('desk-energy-laptop').textContent()).toBe('laptopdesconhecida: ainda não vista');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
