// @vitest-environment jsdom
/**
 * The settings window's "Remote access" card (issue 18): the toggle and port go through settings.set
 * (a bad port refused before saving); while listening it shows each address with the `machines add`
 * line and the fingerprint; the token stays hidden until Show and is copied on Copy; a new token is
 * asked for only after a confirm that warns about the other machines; a failure says why; `loadout
 * serve` says it is unavailable; the address is editable and checked; in English and pt-BR, the core's
 * reasons worded from their data in the window's language.
 */
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { machinesAddLine, RemoteAccessSettings } from '../../../renderer/src/settings/remote-access-settings';
import type { RemoteAccessStatusInfo } from '../../../shared/contract/remote-access';
import { createFakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

const FINGERPRINT = 'AB:CD:'.repeat(15) + 'AB:CD';
const OFF: RemoteAccessStatusInfo = {
  state: 'off',
  addresses: [],
  fingerprint: null,
  message: null,
  problem: null,
  machineName: 'desk-pc',
  hasToken: false,
};
const LISTENING: RemoteAccessStatusInfo = {
  ...OFF,
  state: 'listening',
  addresses: ['https://192.168.1.10:7879', 'https://10.0.0.5:7879'],
  fingerprint: FINGERPRINT,
  hasToken: true,
};

function open(status: RemoteAccessStatusInfo, language: Language = 'en') {
  let token = 'first-token-0123456789abcdef';
  const api = createFakeApi();
  api.handle('remoteAccess.status', () => ({ ok: true, result: status }));
  api.handle('remoteAccess.token', () => ({ ok: true, result: { token } }));
  api.handle('remoteAccess.newToken', () => {
    token = 'second-token-fedcba9876543210';
    return { ok: true, result: status };
  });
  const core = settingsCore(api);
  mountSettings(<RemoteAccessSettings />, api, { language, settings: core.stored(), connected: true });
  return { api, settings: core.stored };
}

const calls = (api: ReturnType<typeof createFakeApi>, method: string) => api.calls.filter((c) => c.method === method);

describe('Remote access card', () => {
  it('turns remote access on and saves a valid port through settings.set, refusing a bad one', async () => {
    const { api, settings } = open(OFF);
    await screen.findByText('Off: no other machine can connect.');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Allow other machines to connect' }));
    await waitFor(() => expect(settings().remoteAccess.enabled).toBe(true));

    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '99999' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save port' }));
    expect(await screen.findByText('Enter a port from 1 to 65535, e.g. 7879.')).toBeTruthy();
    expect(calls(api, 'settings.set')).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Port'), { target: { value: '8443' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save port' }));
    await waitFor(() => expect(settings().remoteAccess.port).toBe(8443));
  });

  it('shows each address with its machines add line, and the fingerprint, while listening', async () => {
    open(LISTENING);
    const list = await screen.findByTestId('remote-access-addresses');
    expect(list.textContent).toContain('loadout machines add desk-pc https://192.168.1.10:7879 --token-stdin');
    expect(list.textContent).toContain('loadout machines add desk-pc https://10.0.0.5:7879 --token-stdin');
    expect(screen.getByTestId('remote-access-fingerprint').textContent).toBe(FINGERPRINT);
  });

  it('keeps the token hidden until Show, and copies it on Copy', async () => {
    const { api } = open(LISTENING);
    await screen.findByTestId('remote-access-addresses');
    expect(screen.getByTestId('remote-access-token').textContent).not.toContain('first-token');
    expect(calls(api, 'remoteAccess.token')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() =>
      expect(screen.getByTestId('remote-access-token').textContent).toBe('first-token-0123456789abcdef'),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.getByTestId('remote-access-token').textContent).not.toContain('first-token');

    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Token copied.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('first-token-0123456789abcdef');
  });

  it('asks before a new token, warning about the machines using the old one', async () => {
    const { api } = open(LISTENING);
    await screen.findByTestId('remote-access-addresses');
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Every machine using the old one is disconnected');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(calls(api, 'remoteAccess.newToken')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await screen.findByText('first-token-0123456789abcdef');
    fireEvent.click(screen.getByRole('button', { name: 'New token' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace the token' }));
    expect(await screen.findByText('second-token-fedcba9876543210')).toBeTruthy();
    expect(calls(api, 'remoteAccess.newToken')).toHaveLength(1);
  });

  it('says why it failed, and follows remoteAccess.changed', async () => {
    const { api } = open(OFF);
    await screen.findByText('Off: no other machine can connect.');
    const message = 'Remote access could not start: port 7879 on 0.0.0.0 is already in use.';
    act(() => api.emit('remoteAccess.changed', { ...OFF, state: 'failed', message }));
    expect(screen.getByRole('alert').textContent).toBe(message);
  });

  it('says it is unavailable in loadout serve, without the controls', async () => {
    const message = 'Remote access is a setting of the Loadout tray app.';
    open({ ...OFF, state: 'unavailable', message });
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('edits the address it listens on, refusing what is not an address of a machine', async () => {
    const { api, settings } = open(OFF);
    await screen.findByText('Off: no other machine can connect.');
    const host = screen.getByLabelText('Listen on');
    expect((host as HTMLInputElement).value).toBe('0.0.0.0');
    expect(screen.getByTestId('remote-access-scope').textContent).toContain('HTTPS and the token are required');
    expect(screen.getByText(/Loopback \(127\.0\.0\.1\) is the safe choice/)).toBeTruthy();

    fireEvent.change(host, { target: { value: 'workstation' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save address' }));
    expect(await screen.findByText(/Enter an IP address of this machine/)).toBeTruthy();
    expect(calls(api, 'settings.set')).toHaveLength(0);

    fireEvent.change(host, { target: { value: ' 127.0.0.1 ' } });
    expect(screen.getByTestId('remote-access-scope').textContent).toBe(
      'This machine only: no other machine can connect.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Save address' }));
    await waitFor(() => expect(settings().remoteAccess.host).toBe('127.0.0.1'));
  });

  it('explains the address choices in pt-BR', async () => {
    open(OFF, 'pt-BR');
    expect(await screen.findByLabelText('Escutar em')).toBeTruthy();
    expect(screen.getByText(/só responde por HTTPS, com certificado próprio/)).toBeTruthy();
    expect(screen.getByTestId('remote-access-scope').textContent).toContain('Todas as redes desta máquina');
  });

  it("words the core's failure in pt-BR, not in the core's English", async () => {
    const { api } = open(OFF, 'pt-BR');
    await screen.findByText('Desligado: nenhuma outra máquina pode se conectar.');
    const message = 'Remote access could not start: port 7879 on 0.0.0.0 is already in use.';
    const problem = { kind: 'port-in-use' as const, host: '0.0.0.0', port: 7879 };
    act(() => api.emit('remoteAccess.changed', { ...OFF, state: 'failed', message, problem }));
    expect(screen.getByRole('alert').textContent).toBe(
      'O acesso remoto não pôde iniciar: a porta 7879 em 0.0.0.0 já está em uso. Escolha outra porta nas Configurações ou pare o que a usa.',
    );
  });

  it('words a refused token (no keyring) in pt-BR', async () => {
    const { api } = open(LISTENING, 'pt-BR');
    await screen.findByTestId('remote-access-addresses');
    api.handle('remoteAccess.token', () => ({
      ok: false,
      error: {
        code: 'refused',
        message: 'Remote access is off: this Linux desktop has no keyring.',
        problem: { kind: 'no-keyring' },
      },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Mostrar' }));
    expect((await screen.findByRole('alert')).textContent).toContain('este desktop Linux não tem chaveiro');
  });

  it('says loadout serve has no remote access in pt-BR', async () => {
    const message = 'Remote access is a setting of the Loadout tray app.';
    open({ ...OFF, state: 'unavailable', message, problem: { kind: 'serve-process' } }, 'pt-BR');
    expect(await screen.findByText(/O acesso remoto é uma configuração do app Loadout na bandeja/)).toBeTruthy();
  });

  it('speaks pt-BR', async () => {
    open(LISTENING, 'pt-BR');
    expect(await screen.findByRole('heading', { name: 'Acesso remoto' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Novo token' })).toBeTruthy();
  });

  it('quotes a machine name with spaces in the add line', () => {
    expect(machinesAddLine('Desk PC', 'https://h:1')).toBe('loadout machines add "Desk PC" https://h:1 --token-stdin');
  });
});
