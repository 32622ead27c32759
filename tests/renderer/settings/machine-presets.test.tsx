// @vitest-environment jsdom
/**
 * The presets window applies a preset on another machine (issue 18): the machine picker (this machine
 * by default), that machine's presets from presets.list through fleet.call, Apply through fleet.call
 * with its relayed progress (fleet.event) shown like the local one, and a busy refusal answered as
 * locally with "Unload anyway".
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { useEffect, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { MachinePicker, MachinePresets } from '../../../renderer/src/settings/machine-presets';
import { SettingsApp } from '../../../renderer/src/settings/settings-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider, useGetState } from '../../../renderer/src/store/store-context';
import type { MethodInput } from '../../../shared/contract';
import type { PresetList, PresetSwitchResult } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';
import { agent, fleetOf } from './fleet-fixtures';

afterEach(cleanup);

const localPresets: PresetList = {
  presets: [{ id: 'dev', name: 'Dev', description: '', models: [], exclusive: true, builtIn: false }],
  activePresetId: 'dev',
  pinned: [],
  applyingPresetId: null,
};
const remotePresets: PresetList = {
  presets: [
    { id: 'finance', name: 'Finance agent', description: '', models: [], exclusive: true, builtIn: false },
    { id: 'infra', name: 'Infra agent', description: '', models: [], exclusive: true, builtIn: false },
  ],
  activePresetId: 'finance',
  pinned: [],
  applyingPresetId: null,
};
const Q14 = 'qwen2.5-coder-14b';

/** The picker and the machine's presets alone: the whole window follows settings.ui.language, which this fake lacks. */
function PickerOnly() {
  const get = useGetState();
  const [machine, setMachine] = useState('');
  useEffect(() => void get().loadFleet(), [get]);
  return (
    <>
      <MachinePicker value={machine} onChange={setMachine} />
      {machine ? <MachinePresets machine={machine} /> : null}
    </>
  );
}

function open(language: 'en' | 'pt-BR' = 'en') {
  const api = createFakeApi();
  const relayed: Array<MethodInput<'fleet.call'>> = [];
  let answerApply: (r: PresetSwitchResult) => void = () => {};
  api.handle('presets.list', () => ({ ok: true, result: localPresets }));
  api.handle('fleet.list', () => ({
    ok: true,
    result: fleetOf([
      agent({ name: 'workstation' }),
      agent({
        name: 'laptop',
        online: false,
        problem: { kind: 'offline', message: '"laptop" does not answer (ECONNREFUSED).' },
      }),
    ]),
  }));
  api.handle('fleet.call', (input) => {
    relayed.push(input);
    if (input.method === 'presets.list') return { ok: true, result: remotePresets };
    if (input.method === 'presets.apply')
      return new Promise((resolve) => (answerApply = (result) => resolve({ ok: true, result })));
    return { ok: false, error: { code: 'unavailable', message: `${input.method} not scripted` } };
  });
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>{language === 'en' ? <SettingsApp /> : <PickerOnly />}</StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return { api, relayed, answer: (r: PresetSwitchResult) => act(async () => answerApply(r)) };
}

const pick = async (machine: string) => {
  const picker = within(await screen.findByTestId('machine-picker')).getByRole('combobox');
  await act(async () => fireEvent.change(picker, { target: { value: machine } }));
};

describe('applying a preset on another machine', () => {
  it('opens on the machine its address names (a tray notification about it), and follows a new one while open', async () => {
    window.location.hash = '#presets?machine=workstation&visit=1';
    try {
      const { relayed } = open();
      const picker = within(await screen.findByTestId('machine-picker')).getByRole('combobox') as HTMLSelectElement;
      expect(picker.value).toBe('workstation');
      await screen.findByTestId('machine-presets');
      expect(relayed).toEqual([{ machine: 'workstation', method: 'presets.list' }]);
      // From the settings tab, a new notification's address brings the presets tab back on that machine.
      fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
      await act(async () => {
        window.location.hash = '#presets?machine=laptop&visit=2';
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      });
      expect(screen.getByRole('tab', { name: 'Presets' }).getAttribute('aria-selected')).toBe('true');
      expect((within(screen.getByTestId('machine-picker')).getByRole('combobox') as HTMLSelectElement).value).toBe(
        'laptop',
      );
    } finally {
      window.location.hash = '';
    }
  });

  it('offers this machine by default and lists the other machine’s presets through fleet.call', async () => {
    const { relayed } = open();
    const picker = within(await screen.findByTestId('machine-picker')).getByRole('combobox') as HTMLSelectElement;
    expect(picker.value).toBe('');
    expect([...picker.options].map((o) => [o.text, o.value])).toEqual([
      ['This machine (desk)', ''],
      ['workstation', 'workstation'],
      ['laptop (offline)', 'laptop'],
    ]);
    await pick('workstation');
    const card = await screen.findByTestId('machine-presets');
    expect(relayed).toEqual([{ machine: 'workstation', method: 'presets.list' }]);
    expect(
      within(card)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Finance agent ✓Apply', 'Infra agentApply']);
  });

  it('applies there, shows the relayed progress, then the result naming the machine', async () => {
    const { api, relayed, answer } = open();
    await pick('workstation');
    await screen.findByText('Infra agent');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply Infra agent' })));
    expect(relayed[1]).toEqual({ machine: 'workstation', method: 'presets.apply', params: { id: 'infra' } });
    act(() =>
      api.emit('fleet.event', {
        machine: 'workstation',
        event: 'presets.progress',
        payload: {
          presetId: 'infra',
          phase: 'loading',
          step: 2,
          total: 3,
          key: Q14,
          sizeBytes: null,
          elapsedMs: 800,
          message: null,
        },
      }),
    );
    // Another machine's progress is not this one's.
    act(() =>
      api.emit('fleet.event', {
        machine: 'laptop',
        event: 'presets.progress',
        payload: {
          presetId: 'x',
          phase: 'loading',
          step: 1,
          total: 9,
          key: 'y',
          sizeBytes: null,
          elapsedMs: 1,
          message: null,
        },
      }),
    );
    const progress = screen.getByTestId('machine-apply-progress');
    expect(progress.textContent).toContain('Applying Infra agent on workstation…');
    expect(progress.textContent).toContain('Step 2 of 3 · loading qwen2.5-coder-14b');
    expect(within(progress).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
    await answer({ presetId: 'infra', result: 'ok', plan: [], message: null });
    expect(screen.queryByTestId('machine-apply-progress')).toBeNull();
    expect(screen.getByTestId('machine-apply-result').textContent).toBe('Infra agent is loaded on workstation.');
  });

  it('answers a busy refusal as locally: Unload anyway applies again with force', async () => {
    const { relayed, answer } = open();
    await pick('workstation');
    await screen.findByText('Infra agent');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Apply Infra agent' })));
    await answer({
      presetId: 'infra',
      result: 'refused',
      plan: [],
      message: `${Q14} is still generating`,
      busy: [{ instanceId: Q14, modelKey: Q14 }],
    });
    expect(screen.getByTestId('busy-prompt').textContent).toContain(Q14);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Unload anyway' })));
    expect(relayed.filter((c) => c.method === 'presets.apply').map((c) => c.params)).toEqual([
      { id: 'infra' },
      { id: 'infra', force: true },
    ]);
  });

  it('says why an offline machine cannot take a preset, in pt-BR', async () => {
    open('pt-BR');
    await pick('laptop');
    // Worded from the problem's kind, not the core's English message.
    expect(screen.getByRole('alert').textContent).toBe(
      'laptop não está acessível agora: Não responde: a máquina pode estar desligada, em repouso ou fora da rede. O Loadout continua tentando sozinho.',
    );
    expect(screen.queryByTestId('machine-presets')).toBeNull();
  });

  it('says in pt-BR that the preset was not applied there, the coded reason worded, not the English', async () => {
    const { api } = open('pt-BR');
    await pick('workstation');
    await screen.findByText('Infra agent');
    api.handle('fleet.call', (input) =>
      input.method === 'presets.list'
        ? { ok: true, result: remotePresets }
        : {
            ok: false,
            error: { code: 'unavailable', message: '"workstation" does not answer', problem: { kind: 'offline' } },
          },
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Aplicar Infra agent' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'O preset não foi aplicado em workstation. Veja os modelos dela e tente de novo. ' +
        'Não responde: a máquina pode estar desligada, em repouso ou fora da rede. O Loadout continua tentando sozinho.',
    );
  });

  it("says in English that the other machine's presets could not be read, with the error as the detail", async () => {
    const { api } = open();
    api.handle('fleet.call', () => ({
      ok: false,
      error: { code: 'failed', message: '"workstation" answered presets.list: disk full' },
    }));
    await pick('workstation');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The presets of workstation could not be read. Try again when it answers. ' +
        'Detail: "workstation" answered presets.list: disk full',
    );
  });
});
