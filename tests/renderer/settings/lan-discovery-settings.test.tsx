// @vitest-environment jsdom
/**
 * LAN discovery in the settings window's Machines section (issue 18): the fleet.discovery toggle goes
 * through settings.set; the agents fleet.list found on the LAN are offered, and picking one fills only the
 * add form's name and URL (the token and the fingerprint comparison stay the user's); in English and pt-BR.
 */
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MachinesSettings } from '../../../renderer/src/settings/machines-settings';
import type { FleetState } from '../../../shared/contract/fleet';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';
import { fleetOf } from './fleet-fixtures';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

const FOUND: FleetState['discovered'] = [
  { name: 'gpu-box', url: 'https://192.168.1.20:7878', version: '3.1.0', contract: 2, scheme: 'https' },
  { name: 'attic', url: 'https://192.168.1.21:7878', version: null, contract: null, scheme: 'https' },
];

function open(discovery: boolean, language: Language = 'en') {
  const api = createFakeApi();
  api.handle('fleet.list', () => ({ ok: true, result: { ...fleetOf([]), discovered: FOUND } }));
  const core = settingsCore(api, { ...defaultSettings(), fleet: { discovery } });
  mountSettings(<MachinesSettings />, api, { language, settings: core.stored(), connected: true });
  return api;
}

const field = (name: string) => within(screen.getByTestId('add-machine')).getByLabelText(name) as HTMLInputElement;

describe('LAN discovery in the Machines section', () => {
  it('turns fleet.discovery on through settings.set, saying that finding trusts nothing', async () => {
    const api = open(false);
    const toggle = screen.getByRole('checkbox', { name: 'Find Loadout agents on the network' });
    expect((toggle as HTMLInputElement).checked).toBe(false);
    // The warning is the checkbox's own description, read with it by a screen reader.
    expect(document.getElementById(toggle.getAttribute('aria-describedby')!)?.textContent).toContain(
      'its token and comparing its certificate fingerprint',
    );
    expect(screen.queryByTestId('lan-agents')).toBeNull();
    await act(async () => fireEvent.click(toggle));
    expect(api.calls.find((c) => c.method === 'settings.set')?.input).toEqual({ fleet: { discovery: true } });
    expect((toggle as HTMLInputElement).checked).toBe(true);
  });

  it('offers the agents found, and a pick fills only the name and URL of the add form', async () => {
    open(true);
    const agents = await screen.findByTestId('lan-agents');
    expect(
      within(agents)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Use gpu-box (Loadout 3.1.0)', 'Use attic']);
    fireEvent.click(within(agents).getByRole('button', { name: 'Use gpu-box (Loadout 3.1.0)' }));
    expect(field('Name').value).toBe('gpu-box');
    expect(field('URL').value).toBe('https://192.168.1.20:7878');
    expect((within(screen.getByTestId('add-machine')).getByLabelText('Kind') as HTMLSelectElement).value).toBe(
      'loadout',
    );
    expect(field('Token').value).toBe('');
    expect(screen.queryByTestId('fingerprint')).toBeNull();
  });

  it('speaks pt-BR', async () => {
    open(true, 'pt-BR');
    const agents = await screen.findByTestId('lan-agents');
    expect(screen.getByRole('checkbox', { name: 'Encontrar agentes Loadout na rede' })).toBeTruthy();
    expect(within(agents).getAllByRole('button')[0]!.textContent).toBe('Usar gpu-box (Loadout 3.1.0)');
  });

  it('says in pt-BR that the setting was not saved when settings.set fails, the error as the detail', async () => {
    const api = open(false, 'pt-BR');
    api.handle('settings.set', () => ({ ok: false, error: { code: 'failed', message: 'EACCES: settings.json' } }));
    await act(async () => fireEvent.click(screen.getByRole('checkbox', { name: 'Encontrar agentes Loadout na rede' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'As configurações não foram salvas; o formulário mantém suas alterações. Corrija o que o detalhe aponta e ' +
        'tente de novo. Detalhe: EACCES: settings.json',
    );
  });
});
