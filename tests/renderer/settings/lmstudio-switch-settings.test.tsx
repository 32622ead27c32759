// @vitest-environment jsdom
/** The LM Studio section edits restore-on-failure and the busy wait; Save stores them through the real patch logic. */
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsForm } from '../../../renderer/src/settings/settings-form';
import { createFakeApi } from '../../support/fake-api';
import { type Language, mountSettings, settingsCore } from './settings-harness';

afterEach(cleanup);

function setup(language: Language = 'en') {
  const api = createFakeApi();
  const core = settingsCore(api);
  mountSettings(<SettingsForm />, api, { language, settings: core.stored() });
  return { api, stored: core.stored };
}

describe('LM Studio switch settings', () => {
  it('shows the stored values and saves the changed ones', async () => {
    const { stored } = setup();
    const restore = screen.getByRole('checkbox', {
      name: 'Put the previous models back if a switch fails',
    }) as HTMLInputElement;
    const wait = screen.getByRole('textbox', {
      name: 'Wait for a model that is generating (seconds)',
    }) as HTMLInputElement;
    expect(restore.checked).toBe(true);
    expect(wait.value).toBe('30');
    expect(wait.getAttribute('aria-describedby')).toBe('busy-wait-hint');
    fireEvent.click(restore);
    fireEvent.change(wait, { target: { value: '90' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(stored().lmstudio).toMatchObject({ restoreOnFailure: false, busyWaitSeconds: 90 });
    expect(screen.getByRole('status').textContent).toBe('Settings saved.');
  });

  it('refuses a wait that is not a whole number of seconds, marking the field and saving nothing', async () => {
    const { api } = setup();
    const wait = screen.getByRole('textbox', { name: 'Wait for a model that is generating (seconds)' });
    fireEvent.change(wait, { target: { value: '1.5' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(wait.getAttribute('aria-invalid')).toBe('true');
    expect(api.calls.some((c) => c.method === 'settings.set')).toBe(false);
  });

  it('speaks Brazilian Portuguese', () => {
    setup('pt-BR');
    expect(screen.getByRole('checkbox', { name: 'Recarregar os modelos anteriores se uma troca falhar' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Esperar um modelo que está gerando (segundos)' })).toBeTruthy();
  });
});
