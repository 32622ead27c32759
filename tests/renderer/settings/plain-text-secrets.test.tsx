// @vitest-environment jsdom
/** The settings window when secrets could only be kept as plain text (Linux without a keyring): it says why, in en and pt-BR, and stores none. */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RoutingSettingsForm } from '../../../renderer/src/settings/routing-settings-form';
import { SettingsForm } from '../../../renderer/src/settings/settings-form';
import type { AppInfo } from '../../../shared/contract/app';
import { toPublicSettings } from '../../../shared/contract/settings';
import { createFakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

/** Render `form` over a fake core whose app.info reports `secretStorage`. */
async function setup(form: ReactElement, secretStorage: AppInfo['secretStorage'], lang: Language = 'en') {
  const api = createFakeApi();
  api.handle('app.info', () => ({
    ok: true,
    result: {
      name: 'Loadout',
      version: '0.1.0',
      host: 'electron',
      platform: 'linux',
      arch: 'x64',
      locale: lang,
      services: {
        hardware: true,
        lmstudio: true,
        presets: true,
        energy: true,
        chat: true,
        secrets: secretStorage === 'encrypted',
      },
      secretStorage,
    },
  }));
  const core = settingsCore(api);
  api.handle('settings.setRoutingSecret', () => ({ ok: true, result: toPublicSettings(core.stored()) }));
  api.handle('settings.setLmStudioToken', () => ({ ok: true, result: { hasToken: true } }));
  // Let app.info answer before the assertions.
  await act(async () => {
    mountSettings(form, api, { language: lang, settings: core.stored() });
  });
  return {
    api,
    secretCalls: () =>
      api.calls.filter((c) => c.method === 'settings.setRoutingSecret' || c.method === 'settings.setLmStudioToken'),
  };
}

describe('secrets with only a plain-text store', () => {
  it('the LM Studio token field is off and says why and to set LM_API_TOKEN instead', async () => {
    await setup(<SettingsForm />, 'plain-text-only');
    expect(screen.getByTestId('secrets-plain-text').textContent).toMatch(
      /no keyring.*plain text.*Set LM_API_TOKEN before starting Loadout/,
    );
    expect((screen.getByLabelText('API token') as HTMLInputElement).disabled).toBe(true);
  });

  it('says it in Portuguese in a pt-BR window', async () => {
    await setup(<SettingsForm />, 'plain-text-only', 'pt-BR');
    expect(screen.getByTestId('secrets-plain-text').textContent).toMatch(
      /não tem chaveiro.*texto puro.*Defina LM_API_TOKEN/,
    );
  });

  it('saves the routing settings but keeps a typed cloud key in the window instead of storing it, naming the variable', async () => {
    const { api, secretCalls } = await setup(<RoutingSettingsForm />, 'plain-text-only');
    expect(screen.getByTestId('secrets-plain-text').textContent).toContain('LOADOUT_CLOUD_API_KEY');
    fireEvent.click(screen.getByRole('checkbox', { name: /Use a cloud model/ }));
    fireEvent.change(screen.getByLabelText('Base URL (with /v1)'), { target: { value: 'https://cloud.example/v1' } });
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'gpt-x' } });
    fireEvent.change(screen.getByLabelText('API key'), { target: { value: 'sk-cloud-123' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save API and routing' }));
    });
    expect(api.calls.filter((c) => c.method === 'settings.set')).toHaveLength(1);
    expect(secretCalls()).toEqual([]);
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('sk-cloud-123');
    expect(
      screen
        .getAllByRole('status')
        .map((s) => s.textContent)
        .join(' '),
    ).toMatch(/Loadout will not store secrets here/);
  });

  it('shows nothing of this when the keychain encrypts', async () => {
    await setup(<SettingsForm />, 'encrypted');
    expect(screen.queryByTestId('secrets-plain-text')).toBeNull();
    expect((screen.getByLabelText('API token') as HTMLInputElement).disabled).toBe(false);
  });
});
