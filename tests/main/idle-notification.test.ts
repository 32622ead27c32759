/** The idle-power notification: a click opens the monitor (whose card offers the unload); on macOS the button is on the notification. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createEventHub, type IdleAlert, type MethodName } from '../../shared/contract';
import { startNotifier } from '../../electron/main/notifications';
import { FakeNotification } from '../support/electron-fakes';

const alert: IdleAlert = {
  watts: 130,
  baselineW: 35,
  minutes: 10,
  costPerDay: { amount: 2.03, currency: 'BRL' },
  suggestedPresetId: 'gaming',
  message: 'NVIDIA H200 has drawn 130 W for 10 min with nothing running.',
};
/** The same alert from a core that sends its figures, which the tray words in its own language. */
const worded: IdleAlert = {
  ...alert,
  words: {
    gpu: 'NVIDIA H200',
    watts: 130.5,
    excessW: 95.5,
    baselineW: 35,
    minutes: 10,
    kWhPerDay: 2.292,
    preset: { id: 'gaming', name: 'Gaming', builtIn: true },
  },
};

function setup(platform: NodeJS.Platform, osLocale = 'en-US') {
  const events = createEventHub();
  const created: FakeNotification[] = [];
  const calls: Array<{ method: MethodName; params: unknown }> = [];
  let opened = 0;
  const stop = startNotifier({
    createNotification: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    events,
    call: async (method, params) => {
      calls.push({ method, params });
      if (method === 'presets.apply') return { presetId: 'gaming', result: 'ok', plan: [], message: null } as never;
      return null as never;
    },
    language: () => 'auto',
    osLocale,
    openMonitor: () => {
      opened++;
    },
    platform,
  });
  return { events, created, calls, opened: () => opened, stop };
}

beforeEach(() => {
  FakeNotification.shown = [];
});

describe('idle-power notification', () => {
  it('on Windows and Linux: no button; a click opens the monitor', () => {
    const { events, created, calls, opened, stop } = setup('linux');
    events.emit('energy.idleAlert', alert);
    expect(FakeNotification.shown).toEqual([{ title: 'Your GPU is burning power while idle', body: alert.message }]);
    created[0]!.click();
    expect(opened()).toBe(1);
    expect(calls).toEqual([]);
    stop();
  });

  it('on macOS: the "Unload all models" button applies the Gaming preset and settles the alert', async () => {
    const { events, created, calls, opened, stop } = setup('darwin', 'pt-BR');
    events.emit('energy.idleAlert', alert);
    expect(FakeNotification.shown[0]).toMatchObject({
      title: 'Sua GPU está gastando energia parada',
      actions: [{ type: 'button', text: 'Descarregar todos os modelos' }],
    });
    created[0]!.action(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([
      { method: 'presets.apply', params: { id: 'gaming' } },
      { method: 'energy.idleAlertDismiss', params: { snoozeMinutes: 0 } },
    ]);
    expect(opened()).toBe(0);
    created[0]!.click();
    expect(opened()).toBe(1);
    stop();
  });

  it("words the core's figures in the tray's language, numbers and money included", () => {
    const pt = setup('linux', 'pt-BR');
    pt.events.emit('energy.idleAlert', worded);
    expect(FakeNotification.shown[0]!.body).toBe(
      'NVIDIA H200 consumiu 130,5 W por 10 min sem nada rodando, 95,5 W acima da sua base ociosa de 35 W: 2,29 kWh por dia, cerca de R$\u00a02,03 por dia. Aplique o preset Jogos para descarregar os modelos.',
    );
    pt.stop();
    const en = setup('linux', 'en-US');
    en.events.emit('energy.idleAlert', { ...worded, costPerDay: null });
    expect(FakeNotification.shown[1]!.body).toBe(
      'NVIDIA H200 has drawn 130.5 W for 10 min with nothing running, 95.5 W above its idle baseline of 35 W: 2.29 kWh a day (set a price per kWh in settings to see what it costs). Apply the Gaming preset to unload the models.',
    );
    en.stop();
  });

  it('on macOS without a suggested preset: no button', () => {
    const { events, stop } = setup('darwin');
    events.emit('energy.idleAlert', { ...alert, suggestedPresetId: null });
    expect(FakeNotification.shown[0]).not.toHaveProperty('actions');
    stop();
  });
});
