// @vitest-environment jsdom
/** The settings window says which LM Studio URL is in use and where it comes from, in English and pt-BR. */
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsForm } from '../../../renderer/src/settings/settings-form';
import type { LmStudioUrlInUseInfo } from '../../../shared/contract/settings';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';
import { type Language, mountSettings } from './settings-harness';

afterEach(cleanup);

function setup(inUse: LmStudioUrlInUseInfo, language: Language = 'en') {
  const api = createFakeApi();
  api.handle('settings.lmStudioUrl', () => ({ ok: true, result: { inUse } }));
  mountSettings(<SettingsForm />, api, { language, settings: defaultSettings() });
}

describe('LM Studio URL in use', () => {
  it('names the environment variable that overrides the stored URL', async () => {
    setup({ url: 'http://10.0.0.5:1234', source: 'env', ignored: [] });
    const box = await screen.findByTestId('lmstudio-url-in-use');
    expect(box.textContent).toContain(
      'In use now: http://10.0.0.5:1234, from the LOADOUT_LMSTUDIO_URL environment variable.',
    );
    expect(box.textContent).toContain(
      'The Server URL above is not used while the LOADOUT_LMSTUDIO_URL environment variable is set',
    );
  });

  it('says in pt-BR that an unusable LOADOUT_LMSTUDIO_URL is not used, and which URL is', async () => {
    setup(
      {
        url: 'http://127.0.0.1:1234',
        source: 'settings',
        ignored: [{ source: 'env', value: 'ftp://x:1', problem: 'a ftp: URL cannot be called' }],
      },
      'pt-BR',
    );
    const box = await screen.findByTestId('lmstudio-url-in-use');
    expect(box.textContent).toContain('Em uso agora: http://127.0.0.1:1234 (origem: esta configuração).');
    expect(screen.getByRole('status').textContent).toBe(
      'Não usada: a variável de ambiente LOADOUT_LMSTUDIO_URL é “ftp://x:1”, que o Loadout não pode usar (precisa ser uma URL http(s) sem usuário nem senha): corrija ou remova.',
    );
  });
});
