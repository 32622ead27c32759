// @vitest-environment jsdom
/**
 * The monitor across the desk: the machine switcher, the "All machines" cards with their figures and
 * reasons, a card opening that machine's full monitor through fleet.call, live fleet.changed, LM Link,
 * energy per machine with the desk total, and pt-BR.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { formatSince } from '../../../renderer/src/monitor/machine-card';
import { MonitorApp } from '../../../renderer/src/monitor/monitor-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { FleetState } from '../../../shared/contract/fleet';
import type { EnergySummary } from '../../../shared/contract/energy';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi, sampleAt, type FakeApi } from '../../support/fake-api';
import type { MachineInventory } from '../../../shared/hardware/inventory';
import { buildMachineProfile } from '../../../shared/profile/machine-profile';
import workstationInventory from '../../fixtures/profile/ryzen-9800x3d-rtx3090.json';
import { deskFleet } from './fleet-fixture';

/** The workstation's profile.capacity answer, as its core builds it from its inventory. */
const workstationProfile = buildMachineProfile(workstationInventory as MachineInventory);
const workstationCapacity = {
  inventory: workstationProfile.inventory,
  ...workstationProfile.capacity,
  markdown: '# workstation',
};

// uPlot needs a real browser; the charts are not what this file tests.
vi.mock('../../../renderer/src/monitor/live-chart', () => ({ LiveChart: () => null }));

afterEach(cleanup);

const totals = (kWh: number, amount: number | null) => ({
  kWh,
  cost: amount == null ? null : { amount, currency: 'USD' },
  co2Grams: null,
});
const summary = (kWh: number, amount: number): EnergySummary => ({
  today: totals(kWh, amount),
  week: totals(kWh * 5, amount * 5),
  month: totals(kWh * 20, amount * 20),
  todayByState: { idleEmpty: 0, loadedIdle: 0, inferring: 0 },
  idleWasteToday: totals(0, 0),
  method: 'counter',
});

/** A core with this machine (H200 sample, 0.75 kWh today) and the desk of the fixture behind fleet.call. */
function desk(fleet: FleetState = deskFleet(), language: 'en' | 'pt-BR' = 'en'): FakeApi {
  const api = createFakeApi();
  api.handle('settings.get', () => ({ ok: true, result: settingsIn(language) }));
  api.handle('fleet.list', () => ({ ok: true, result: fleet }));
  api.handle('hardware.history', () => ({ ok: true, result: [sampleAt('2026-12-07T10:00:00Z', 120)] as never }));
  api.handle('energy.summary', () => ({ ok: true, result: summary(0.75, 0.3) }));
  api.handle('fleet.call', ({ machine, method }) => {
    if (machine !== 'workstation')
      return { ok: false, error: { code: 'unavailable', message: `${machine} is offline` } };
    const answers: Record<string, unknown> = {
      'hardware.history': [sampleAt('2026-12-07T10:00:00Z', 281.4)],
      'hardware.latest': sampleAt('2026-12-07T10:00:02Z', 290.5),
      'models.list': {
        reachable: true,
        apiLevel: 'v1',
        message: null,
        catalog: [],
        loaded: [
          {
            instanceId: 'qwen-1',
            modelKey: 'qwen2.5-coder-14b',
            displayName: 'Qwen2.5 Coder 14B',
            sizeBytes: 9e9,
            pinned: false,
            contextLength: 8192,
          },
        ],
      },
      'presets.list': { presets: [], activePresetId: null, pinned: [], applyingPresetId: null },
      'energy.summary': summary(1.25, 0.5),
      'profile.capacity': workstationCapacity,
    };
    return method in answers
      ? { ok: true, result: answers[method] }
      : { ok: false, error: { code: 'unavailable', message: `${method} not scripted` } };
  });
  return api;
}

/** Default settings with the window's language set (usePreferences follows the setting). */
function settingsIn(language: 'en' | 'pt-BR') {
  const settings = defaultSettings();
  return { ...settings, ui: { ...settings.ui, language } } as never;
}

async function open(api: FakeApi, language: 'en' | 'pt-BR' = 'en') {
  const store = createAppStore(api);
  bindEvents(store);
  store.useStore.setState({ settings: settingsIn(language) });
  await act(async () => {
    render(
      <I18nextProvider i18n={createI18n(language)}>
        <StoreProvider store={store}>
          <MonitorApp />
        </StoreProvider>
      </I18nextProvider>,
    );
  });
  api.setStatus('open');
  await screen.findByTestId('machine-switcher');
  return store;
}

/** A budget for the lazily loaded machine monitor under a busy CI machine (a wait, not a timing claim). */
const WAIT = { timeout: 15_000 };

const switchTo = (value: string) =>
  act(async () => {
    fireEvent.change(screen.getByTestId('machine-switcher'), { target: { value } });
  });
const text = (el: HTMLElement) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const card = (name: string) => screen.getByTestId(`machine-card-${name}`);

describe('formatSince', () => {
  it('gives the time alone today and the date before today', () => {
    const at = new Date(2026, 11, 7, 9, 30).getTime();
    expect(formatSince(at, 'en', new Date(2026, 11, 7, 18, 0).getTime())).toBe('09:30 AM');
    expect(formatSince(at, 'pt-BR', new Date(2026, 11, 7, 18, 0).getTime())).toBe('09:30');
    expect(formatSince(at, 'en', new Date(2026, 11, 9, 8, 0).getTime())).toBe('12/7/26, 9:30 AM');
  });
});

describe('the monitor across the desk', () => {
  it('offers this machine, each machine and all machines, and stays as today on "This machine"', async () => {
    const api = desk();
    await open(api);
    const options = [...(screen.getByTestId('machine-switcher') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual([
      'This machine (desk-pc)',
      'workstation',
      'laptop (Offline)',
      'nas',
      'render-box',
      'All machines',
    ]);
    expect(screen.queryByTestId('fleet-overview')).toBeNull();
    expect(screen.getByText('Machine profile')).toBeTruthy();
    expect(api.calls.filter((c) => c.method === 'fleet.call')).toEqual([]);
  });

  it('shows one card per machine with its figures, the offline reason and the clock warning', async () => {
    await open(desk());
    await switchTo('all');
    const cards = within(screen.getByTestId('fleet-overview')).getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('data-testid'))).toEqual([
      'machine-card-desk-pc',
      'machine-card-workstation',
      'machine-card-laptop',
      'machine-card-nas',
      'machine-card-render-box',
    ]);
    const ws = within(card('workstation'));
    expect(text(ws.getByTestId('machine-state'))).toMatch(/^Online since .*\d{2}:\d{2}/);
    expect(text(ws.getByTestId('machine-gpu-util'))).toBe('63 % · NVIDIA GeForce RTX 3090');
    expect(text(ws.getByTestId('machine-vram'))).toBe('18.0 GiB used · 6.0 GiB free');
    expect(text(ws.getByTestId('machine-power'))).toBe('281 W');
    expect(text(ws.getByTestId('machine-models'))).toBe('qwen2.5-coder-14b (answering), llama-3.1-8b');
    expect(text(ws.getByTestId('machine-preset'))).toBe('Dev');

    const laptop = within(card('laptop'));
    expect(text(laptop.getByTestId('machine-state'))).toMatch(/^Offline since/);
    expect(text(laptop.getByTestId('machine-problem'))).toContain('Its certificate changed since it was added');
    expect(laptop.getByTestId('machine-problem').getAttribute('title')).toContain('different certificate');
    expect(laptop.queryByTestId('machine-models')).toBeNull();
    expect(laptop.queryByRole('button')).toBeNull();

    const nas = within(card('nas'));
    expect(text(nas.getByTestId('machine-unseen'))).toBe(
      'Loadout is not installed there, so this cannot be seen: GPU, VRAM, power, active preset. Install Loadout on it to see them.',
    );
    expect(nas.queryByTestId('machine-power')).toBeNull();
    expect(text(nas.getByTestId('machine-models'))).toBe('phi-3-mini');

    const render = within(card('render-box'));
    expect(text(render.getByTestId('machine-state'))).toMatch(/^Online since/);
    expect(render.getByTestId('machine-problem').className).toContain('banner-warn');
    expect(text(render.getByTestId('machine-problem'))).toBe(
      'Its clock is 5 min ahead of this one: sync its clock so energy days and history line up.',
    );
    // This machine's card comes from its own store.
    expect(text(within(card('desk-pc')).getByTestId('machine-power'))).toBe('120 W');
  });

  it('opens a card on click with that machine monitor fed through fleet.call', async () => {
    const api = desk();
    await open(api);
    await switchTo('all');
    await act(async () => {
      fireEvent.click(within(card('workstation')).getByTestId('machine-vram'));
    });
    await screen.findByTestId('machine-monitor', {}, WAIT);
    await waitFor(() => expect(screen.getByTestId('stat-power').textContent).toContain('290.5 W'), WAIT);
    await screen.findByText('Qwen2.5 Coder 14B', {}, WAIT);
    const relayed = api.calls.filter((c) => c.method === 'fleet.call').map((c) => c.input);
    expect(relayed).toEqual(
      expect.arrayContaining([
        { machine: 'workstation', method: 'hardware.history' },
        { machine: 'workstation', method: 'hardware.latest' },
        { machine: 'workstation', method: 'models.list' },
        { machine: 'workstation', method: 'energy.summary' },
      ]),
    );
    // Nothing outside the relay's list is asked of the other machine.
    expect(relayed.every((c) => (c as { machine: string }).machine === 'workstation')).toBe(true);
    expect(text(screen.getByTestId('energy-today'))).toContain('1.25');
    expect((screen.getByTestId('machine-switcher') as HTMLSelectElement).value).toBe('machine:workstation');
    // The header's GPU name is this machine's: it is not shown over another machine's monitor.
    expect(screen.queryByTestId('gpu-name')).toBeNull();
  });

  it("shows the other machine's profile card: its CPU, RAM, GPU and what fits there, read through fleet.call", async () => {
    const api = desk();
    await open(api);
    await switchTo('machine:workstation');
    const profile = await screen.findByTestId('profile', {}, WAIT);
    expect(within(screen.getByTestId('machine-monitor')).getByTestId('profile')).toBe(profile);
    expect(text(profile)).toContain('AMD Ryzen 7 9800X3D 8-Core Processor');
    expect(text(profile)).toContain('NVIDIA GeForce RTX 3090');
    expect(within(profile).getAllByRole('row')).toHaveLength(1 + 8);
    const asked = api.calls.filter(
      (c) => c.method === 'fleet.call' && (c.input as { method: string }).method === 'profile.capacity',
    );
    expect(asked.map((c) => c.input)).toEqual([{ machine: 'workstation', method: 'profile.capacity' }]);
  });

  it("reloads the open machine's models when fleet.changed says they changed, and shows why it went offline", async () => {
    const api = desk();
    await open(api);
    await switchTo('machine:workstation');
    await screen.findByText('Qwen2.5 Coder 14B', {}, WAIT);
    const modelCalls = () =>
      api.calls.filter((c) => c.method === 'fleet.call' && (c.input as { method: string }).method === 'models.list')
        .length;
    const before = modelCalls();
    const next = deskFleet();
    next.machines[0] = { ...next.machines[0]!, loadedModels: ['qwen2.5-coder-14b'] };
    await act(async () => api.emit('fleet.changed', next));
    await waitFor(() => expect(modelCalls()).toBe(before + 1), WAIT);
    const gone = deskFleet();
    gone.machines[0] = {
      ...gone.machines[0]!,
      online: false,
      problem: { kind: 'offline', message: '"workstation" does not answer at https://workstation.local:1235.' },
    };
    await act(async () => api.emit('fleet.changed', gone));
    expect(text(within(screen.getByTestId('machine-monitor')).getByRole('status'))).toBe(
      'Not answering: the machine may be off, asleep or off the network. Loadout keeps trying by itself.',
    );
  });

  it('shows an LM Studio-only machine as its card, since no agent can feed its full monitor', async () => {
    const api = desk();
    await open(api);
    await switchTo('machine:nas');
    expect(text(within(card('nas')).getByTestId('machine-unseen'))).toContain('Install Loadout on it');
    expect(screen.queryByTestId('machine-monitor')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'fleet.call')).toEqual([]);
  });

  it('opens a machine from the keyboard: its name is a button, the offline and LM Studio-only cards are not', async () => {
    const api = desk();
    await open(api);
    await switchTo('all');
    const buttons = within(screen.getByTestId('fleet-overview')).getAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Open the monitor of desk-pc',
      'Open the monitor of workstation',
      'Open the monitor of render-box',
    ]);
    buttons[2]!.focus();
    expect(document.activeElement).toBe(buttons[2]);
    // A button's Enter is its click.
    await act(async () => {
      fireEvent.click(buttons[2]!);
    });
    expect((await screen.findByTestId('machine-monitor', {}, WAIT)).textContent).toContain(
      'render-box, through this Loadout',
    );
    await waitFor(
      () =>
        expect(api.calls).toContainEqual({
          method: 'fleet.call',
          input: { machine: 'render-box', method: 'models.list' },
        }),
      WAIT,
    );
  });

  it('follows fleet.changed live, and says which device LM Link serves localhost:1234 from', async () => {
    const api = desk();
    await open(api);
    await switchTo('all');
    expect(screen.queryByTestId('lm-link-served-by')).toBeNull();
    const next = deskFleet({ lmLink: { available: true, servedBy: 'workstation', peers: [], message: null } });
    next.machines[1] = { ...next.machines[1]!, online: true, problem: null, version: '0.9.0' };
    await act(async () => api.emit('fleet.changed', next));
    expect(text(screen.getByTestId('lm-link-served-by'))).toBe(
      'LM Studio requests here are served by workstation (LM Link).',
    );
    expect(within(card('laptop')).queryByTestId('machine-problem')).toBeNull();
    expect(text(within(card('laptop')).getByTestId('machine-state'))).toMatch(/^Online since/);
  });

  it('counts energy per machine and for the desk, naming the machine whose energy is unknown', async () => {
    await open(desk());
    await waitFor(() => expect(screen.getByTestId('desk-energy')).toBeTruthy(), WAIT);
    expect(text(screen.getByTestId('desk-energy-desk-pc'))).toBe('desk-pc (this machine)0.75 kWh$0.30');
    expect(text(screen.getByTestId('desk-energy-workstation'))).toBe('workstation1.25 kWh$0.50');
    expect(text(screen.getByTestId('desk-energy-laptop'))).toBe('laptopunknown: not seen yet');
    expect(text(screen.getByTestId('desk-energy-total'))).toBe('Desk total2.00 kWh$0.80');
    expect(text(screen.getByTestId('desk-energy-partial'))).toBe(
      'without laptop, nas, render-box, whose energy is unknown',
    );
  });

  it('speaks pt-BR: cards, reasons, LM Link and the desk total', async () => {
    const api = desk(
      deskFleet({ lmLink: { available: true, servedBy: 'workstation', peers: [], message: null } }),
      'pt-BR',
    );
    await open(api, 'pt-BR');
    await waitFor(() => expect(screen.getByTestId('desk-energy')).toBeTruthy(), WAIT);
    expect(text(screen.getByTestId('desk-energy-total'))).toMatch(/^Total da mesa2,00 kWh/);
    await switchTo('all');
    expect(screen.getByRole('heading', { name: 'Todas as máquinas' })).toBeTruthy();
    expect(text(within(card('laptop')).getByTestId('machine-state'))).toMatch(/^Desconectada desde/);
    expect(text(within(card('laptop')).getByTestId('machine-problem'))).toContain('O certificado dela mudou');
    expect(text(within(card('nas')).getByTestId('machine-unseen'))).toContain('potência, preset ativo');
    expect(text(within(card('workstation')).getByTestId('machine-vram'))).toBe('18,0 GiB em uso · 6,0 GiB livres');
    expect(text(screen.getByTestId('lm-link-served-by'))).toBe(
      'Os pedidos ao LM Studio aqui são atendidos por workstation (LM Link).',
    );
    expect(within(screen.getByTestId('fleet-overview')).getAllByRole('button')[1]!.getAttribute('aria-label')).toBe(
      'Abrir o monitor de workstation',
    );
  });
});
