// @vitest-environment jsdom
/**
 * The settings window's Machines section (issue 18): the list with online state and Remove, the add
 * flow that shows the certificate fingerprint from fleet.inspect before fleet.add pins that same one,
 * the insecure box for plain HTTP, LM Studio-only machines without a token, and LM Link devices
 * offered for adding; in English and pt-BR.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MachinesSettings } from '../../../renderer/src/settings/machines-settings';
import type { FleetState } from '../../../shared/contract/fleet';
import { defaultSettings, type Settings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';
import { agent, fleetOf } from './fleet-fixtures';
import { type Language, mountSettings } from './settings-harness';

afterEach(cleanup);

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

function open(initial: FleetState, language: Language = 'en', settings?: Settings) {
  let state = initial;
  const api = createFakeApi();
  api.handle('fleet.list', () => ({ ok: true, result: state }));
  api.handle('fleet.inspect', ({ url }) =>
    url.startsWith('https://')
      ? { ok: true as const, result: { kind: 'loadout' as const, fingerprint: FINGERPRINT, version: '1.2.3' } }
      : { ok: true as const, result: { kind: 'lmstudio-only' as const, fingerprint: null, version: null } },
  );
  api.handle('fleet.add', (input) => {
    state = { ...state, machines: [...state.machines, agent({ name: input.name, url: input.url, kind: input.kind })] };
    return { ok: true, result: state };
  });
  api.handle('fleet.remove', ({ name }) => {
    state = { ...state, machines: state.machines.filter((m) => m.name !== name) };
    return { ok: true, result: state };
  });
  api.handle('fleet.update', (input) => {
    state = {
      ...state,
      machines: state.machines.map((m) => (m.name === input.name ? { ...m, url: input.url ?? m.url } : m)),
    };
    return { ok: true, result: state };
  });
  mountSettings(<MachinesSettings />, api, { language, settings, connected: true });
  return api;
}

const field = (name: string) => within(screen.getByTestId('add-machine')).getByLabelText(name);
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });

describe('the Machines section', () => {
  it('lists each machine with its URL, kind and state, and removes one', async () => {
    const api = open(
      fleetOf([
        agent({ name: 'workstation' }),
        agent({ name: 'nas', url: 'http://100.101.1.2:1234', kind: 'lmstudio-only', online: false }),
      ]),
    );
    const rows = await screen.findAllByTestId('machine-entry');
    expect(rows.map((r) => r.textContent)).toEqual([
      'workstationhttps://127.0.0.2:7878Loadout agentonlineEditRemove',
      'nashttp://100.101.1.2:1234LM Studio onlyofflineEditRemove',
    ]);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Remove nas' })));
    expect(api.calls.find((c) => c.method === 'fleet.remove')?.input).toEqual({ name: 'nas' });
    expect(screen.getAllByTestId('machine-entry')).toHaveLength(1);
    expect(screen.getByText('nas removed.')).toBeTruthy();
  });

  it('shows the fingerprint fleet.inspect found, then adds the machine pinned to it', async () => {
    const api = open(fleetOf([]));
    await screen.findByText('No other machine yet.');
    type('Name', 'workstation');
    type('URL', 'https://127.0.0.2:7878');
    type('Token', 's3cret-token');
    expect(screen.queryByRole('button', { name: 'Add workstation' })).toBeNull();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the machine' })));
    expect(api.calls.find((c) => c.method === 'fleet.inspect')?.input).toEqual({
      url: 'https://127.0.0.2:7878',
      token: 's3cret-token',
    });
    expect(screen.getByTestId('fingerprint').textContent).toBe(FINGERPRINT);
    expect(screen.getByTestId('inspected').textContent).toContain('Found: Loadout agent, version 1.2.3.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add workstation' })));
    expect(api.calls.find((c) => c.method === 'fleet.add')?.input).toEqual({
      name: 'workstation',
      url: 'https://127.0.0.2:7878',
      kind: 'loadout',
      token: 's3cret-token',
      fingerprint: FINGERPRINT,
    });
    expect(screen.getAllByTestId('machine-entry')).toHaveLength(1);
    expect(screen.getByText('workstation added.')).toBeTruthy();
  });

  it('forgets a checked fingerprint when the URL changes, so Add needs a new check', async () => {
    open(fleetOf([]));
    type('Name', 'workstation');
    type('URL', 'https://127.0.0.2:7878');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the machine' })));
    expect(screen.getByRole('button', { name: 'Add workstation' })).toBeTruthy();
    type('URL', 'https://127.0.0.3:7878');
    expect(screen.queryByTestId('fingerprint')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add workstation' })).toBeNull();
  });

  it('warns on plain HTTP and sends insecure only when the box is ticked; the core refusal is shown', async () => {
    const api = open(fleetOf([]));
    api.handle('fleet.add', (input) =>
      input.insecure
        ? { ok: true as const, result: fleetOf([agent({ name: input.name, url: input.url })]) }
        : {
            ok: false as const,
            error: { code: 'invalid-input' as const, message: 'http://192.0.2.7:1234 is plain HTTP off this machine' },
          },
    );
    type('Name', 'box');
    expect(screen.queryByTestId('insecure-warning')).toBeNull();
    type('URL', 'http://192.0.2.7:1234');
    expect(screen.getByTestId('insecure-warning').textContent).toContain('anyone on the path could read it');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the machine' })));
    expect(screen.getByTestId('inspected').textContent).toContain('there is no certificate to compare');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add box' })));
    expect(screen.getByRole('alert').textContent).toContain('plain HTTP off this machine');
    fireEvent.click(screen.getByLabelText('Allow plain HTTP (insecure)'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add box' })));
    const adds = api.calls.filter((c) => c.method === 'fleet.add').map((c) => c.input);
    expect(adds).toEqual([
      { name: 'box', url: 'http://192.0.2.7:1234', kind: 'lmstudio-only' },
      { name: 'box', url: 'http://192.0.2.7:1234', kind: 'lmstudio-only', insecure: true },
    ]);
  });

  it('adds an LM Studio-only machine without a token (the token is optional there)', async () => {
    const api = open(fleetOf([]));
    type('Name', 'nas');
    type('URL', 'https://127.0.0.4:1234');
    fireEvent.change(field('Kind'), { target: { value: 'lmstudio-only' } });
    expect(field('LM Studio API token (optional)')).toBeTruthy();
    api.handle('fleet.inspect', () => ({
      ok: true as const,
      result: { kind: 'lmstudio-only' as const, fingerprint: null, version: null },
    }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the machine' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add nas' })));
    expect(api.calls.find((c) => c.method === 'fleet.add')?.input).toEqual({
      name: 'nas',
      url: 'https://127.0.0.4:1234',
      kind: 'lmstudio-only',
    });
  });

  it('offers the LM Link devices not yet added, pre-filled as LM Studio only', async () => {
    const api = open(
      fleetOf(
        [],
        [
          { name: 'gpu-box', address: '100.101.1.2', online: true, loadedModels: [], added: false },
          { name: 'old-box', address: '100.101.1.3', online: true, loadedModels: [], added: true },
        ],
      ),
    );
    const peers = await screen.findByTestId('lm-link-peers');
    expect(
      within(peers)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Use gpu-box']);
    fireEvent.click(within(peers).getByRole('button', { name: 'Use gpu-box' }));
    expect((field('Name') as HTMLInputElement).value).toBe('gpu-box');
    expect((field('URL') as HTMLInputElement).value).toBe('http://100.101.1.2:1234');
    expect((field('Kind') as HTMLSelectElement).value).toBe('lmstudio-only');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Check the machine' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Add gpu-box' })));
    expect(api.calls.find((c) => c.method === 'fleet.add')?.input).toEqual({
      name: 'gpu-box',
      url: 'http://100.101.1.2:1234',
      kind: 'lmstudio-only',
    });
  });

  it('speaks pt-BR', async () => {
    open(fleetOf([agent({ name: 'workstation', online: false })]), 'pt-BR');
    await waitFor(() => expect(screen.getByTestId('machine-entry').textContent).toContain('desconectada'));
    expect(screen.getByRole('heading', { name: 'Máquinas' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remover workstation' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verificar a máquina' })).toBeTruthy();
    expect(screen.getByTestId('machine-entry').textContent).toContain('Agente Loadout');
  });

  it("words why a machine is offline in pt-BR, not in the core's English", async () => {
    const refused = agent({
      name: 'workstation',
      online: false,
      problem: { kind: 'refused', message: '"workstation" refused the token (HTTP 401).' },
    });
    open(fleetOf([refused]), 'pt-BR');
    await waitFor(() => expect(screen.getByTestId('machine-entry')).toBeTruthy());
    expect(screen.getByTestId('machine-state').getAttribute('title')).toBe(
      'Ela recusou o token: adicione a máquina de novo com o token atual.',
    );
  });
});

describe('editing a machine in the Machines section', () => {
  const nas = agent({ name: 'nas', url: 'http://100.101.1.2:1234', kind: 'lmstudio-only' });
  const withNas = (tokenEncrypted?: string): Settings => ({
    ...defaultSettings(),
    machines: [{ name: 'nas', url: nas.url, kind: 'lmstudio-only', ...(tokenEncrypted ? { tokenEncrypted } : {}) }],
  });
  const editor = () => screen.getByTestId('edit-machine');
  const edit = (label: string, value: string) =>
    fireEvent.change(within(editor()).getByLabelText(label), { target: { value } });
  const updates = (api: ReturnType<typeof open>) =>
    api.calls.filter((c) => c.method === 'fleet.update').map((c) => c.input);

  it("changes an LM Studio-only machine's URL and token in place; the token goes only to fleet.update", async () => {
    const api = open(fleetOf([nas]), 'en', withNas());
    fireEvent.click(await screen.findByRole('button', { name: 'Edit nas' }));
    expect(within(editor()).getByTestId('token-state').textContent).toBe('No token saved.');
    edit('URL', 'http://100.101.1.9:1234/');
    edit('LM Studio API token (optional)', 'sk-remote-123');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save nas' })));
    // No certificate to compare for LM Studio: no fleet.inspect first.
    expect(api.calls.some((c) => c.method === 'fleet.inspect')).toBe(false);
    expect(updates(api)).toEqual([{ name: 'nas', url: 'http://100.101.1.9:1234', token: 'sk-remote-123' }]);
    expect(screen.queryByTestId('edit-machine')).toBeNull();
    expect(document.body.innerHTML).not.toContain('sk-remote-123');
    expect(screen.getByText('nas saved.')).toBeTruthy();
    expect(screen.getByTestId('machine-entry').textContent).toContain('http://100.101.1.9:1234');
  });

  it('refuses a URL that is not http(s) and changes nothing', async () => {
    const api = open(fleetOf([nas]), 'en', withNas());
    fireEvent.click(await screen.findByRole('button', { name: 'Edit nas' }));
    edit('URL', 'file:///etc/passwd');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save nas' })));
    expect(updates(api)).toEqual([]);
    expect(within(editor()).getByLabelText('URL').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toMatch(/http\(s\) URL/);
  });

  it('says a token is saved and removes it with null, never showing it', async () => {
    const api = open(fleetOf([nas]), 'en', withNas('enc:old-token'));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit nas' }));
    expect(within(editor()).getByTestId('token-state').textContent).toMatch(/A token is saved/);
    expect(document.body.innerHTML).not.toContain('old-token');
    await act(async () => fireEvent.click(within(editor()).getByRole('button', { name: 'Remove token' })));
    expect(updates(api)).toEqual([{ name: 'nas', token: null }]);
    expect(screen.getByText('The token of nas was removed.')).toBeTruthy();
  });

  it('moves an https agent only after showing the fingerprint at its new address, and pins that one', async () => {
    const api = open(fleetOf([agent({ name: 'workstation' })]));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit workstation' }));
    // An agent answers only with its token: it can get a new one, never none.
    expect(within(editor()).queryByRole('button', { name: 'Remove token' })).toBeNull();
    edit('URL', 'https://127.0.0.3:7878');
    await act(async () => fireEvent.click(within(editor()).getByRole('button', { name: 'Check the machine' })));
    expect(api.calls.find((c) => c.method === 'fleet.inspect')?.input).toEqual({ url: 'https://127.0.0.3:7878' });
    expect(updates(api)).toEqual([]);
    expect(within(editor()).getByTestId('fingerprint').textContent).toBe(FINGERPRINT);
    // Another address forgets it: the fingerprint is good only where it was read.
    edit('URL', 'https://127.0.0.4:7878');
    expect(within(editor()).queryByTestId('fingerprint')).toBeNull();
    edit('URL', 'https://127.0.0.3:7878');
    await act(async () => fireEvent.click(within(editor()).getByRole('button', { name: 'Check the machine' })));
    await act(async () => fireEvent.click(within(editor()).getByRole('button', { name: 'Save workstation' })));
    expect(updates(api)).toEqual([{ name: 'workstation', url: 'https://127.0.0.3:7878', fingerprint: FINGERPRINT }]);
  });

  it("shows the core's refusal and keeps what was typed", async () => {
    const api = open(fleetOf([agent({ name: 'workstation' })]));
    api.handle('fleet.update', () => ({
      ok: false as const,
      error: { code: 'forbidden' as const, message: '"workstation" refused the token' },
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit workstation' }));
    edit('Token', 'wrong-token');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save workstation' })));
    expect(updates(api)).toEqual([{ name: 'workstation', token: 'wrong-token' }]);
    expect(screen.getByRole('alert').textContent).toContain('refused the token');
    expect((within(editor()).getByLabelText('Token') as HTMLInputElement).value).toBe('wrong-token');
  });

  it('speaks pt-BR', async () => {
    open(fleetOf([nas]), 'pt-BR', withNas('enc:t'));
    fireEvent.click(await screen.findByRole('button', { name: 'Editar nas' }));
    expect(screen.getByRole('group', { name: 'Alterar nas' })).toBeTruthy();
    expect(within(editor()).getByRole('button', { name: 'Salvar nas' })).toBeTruthy();
  });
});

describe('a failed fleet call in the Machines section, in the window language', () => {
  const refusedPt = 'Ela recusou o token: adicione a máquina de novo com o token atual.';

  it('says in pt-BR that the check did not happen, coded reason first, never the English', async () => {
    const api = open(fleetOf([]), 'pt-BR');
    api.handle('fleet.inspect', () => ({
      ok: false as const,
      error: { code: 'forbidden' as const, message: '"inspected" refused the token', problem: { kind: 'refused' } },
    }));
    await screen.findByText('Nenhuma outra máquina ainda.');
    type('Nome', 'workstation');
    type('Endereço (URL)', 'https://127.0.0.2:7878');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Verificar a máquina' })));
    expect(screen.getByRole('alert').textContent).toBe(
      `A máquina não foi verificada; nada foi salvo. Corrija o endereço ou o token e tente de novo. ${refusedPt}`,
    );
  });

  it('says in pt-BR that the machine was not added, keeping the English as the detail', async () => {
    const api = open(fleetOf([]), 'pt-BR');
    api.handle('fleet.add', () => ({
      ok: false as const,
      error: { code: 'refused' as const, message: 'A machine named "box" is already there.' },
    }));
    await screen.findByText('Nenhuma outra máquina ainda.');
    type('Nome', 'box');
    type('Endereço (URL)', 'http://192.0.2.7:1234');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Verificar a máquina' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Adicionar box' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'A máquina não foi adicionada; nada foi salvo. Corrija o endereço, o token ou o nome e tente de novo. ' +
        'Detalhe: A machine named "box" is already there.',
    );
  });

  it('says in English that the machine was not removed, and in pt-BR that an edit was not saved', async () => {
    const api = open(fleetOf([agent({ name: 'workstation' })]));
    api.handle('fleet.remove', () => ({ ok: false as const, error: { code: 'failed' as const, message: 'EACCES' } }));
    await act(async () => fireEvent.click(await screen.findByRole('button', { name: 'Remove workstation' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'The machine was not removed. Try again; if it keeps failing, restart Loadout. Detail: EACCES',
    );
    cleanup();

    const pt = open(fleetOf([agent({ name: 'workstation' })]), 'pt-BR');
    pt.handle('fleet.update', () => ({
      ok: false as const,
      error: { code: 'forbidden' as const, message: '"workstation" refused the token', problem: { kind: 'refused' } },
    }));
    fireEvent.click(await screen.findByRole('button', { name: 'Editar workstation' }));
    const editor = screen.getByTestId('edit-machine');
    fireEvent.change(within(editor).getByLabelText('Token'), { target: { value: 'wrong-token' } });
    await act(async () => fireEvent.click(within(editor).getByRole('button', { name: 'Salvar workstation' })));
    expect(screen.getByRole('alert').textContent).toBe(
      'A máquina não foi alterada; ela mantém o endereço e o token salvos. Corrija o endereço ou o token e tente de novo. ' +
        refusedPt,
    );
  });
});
