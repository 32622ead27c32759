// @vitest-environment jsdom
/**
 * A switch started from the tray and refused because a model is generating: its notification opens
 * Presets & settings, and the window asks "Unload anyway?" right away (from `presets.pendingBusy`),
 * without the person applying again and waiting busyWaitSeconds again.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { SettingsApp } from '../../../renderer/src/settings/settings-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { PendingBusy, PresetList } from '../../../shared/contract/presets';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const Q7 = 'qwen2.5-7b-instruct';
const presetList: PresetList = {
  presets: [{ id: 'gaming', name: 'Gaming', description: '', models: [], exclusive: true, builtIn: true }],
  activePresetId: null,
  pinned: [],
  applyingPresetId: null,
};
const REFUSAL: PendingBusy = {
  presetId: 'gaming',
  busy: [{ instanceId: Q7, modelKey: Q7 }],
  message: `${Q7} is still generating after waiting 30 s, so nothing was changed.`,
};

/** The presets window over a fake core that holds `pending` like the real one (cleared by a switch or a dismissal). */
function open(initial: PendingBusy | null) {
  let pending = initial;
  const api = createFakeApi();
  api.handle('presets.list', () => ({ ok: true, result: presetList }));
  api.handle('presets.pendingBusy', () => ({ ok: true, result: pending }));
  api.handle('presets.dismissBusy', () => {
    const dismissed = pending !== null;
    pending = null;
    return { ok: true, result: { dismissed } };
  });
  api.handle('presets.apply', ({ id }) => {
    pending = null;
    return { ok: true, result: { presetId: id, result: 'ok', plan: [], message: null } };
  });
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <StoreProvider store={store}>
        <SettingsApp />
      </StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return {
    api,
    setPending: (p: PendingBusy | null) => {
      pending = p;
    },
    pending: () => pending,
  };
}

describe('the presets window opened from the "still generating" notification', () => {
  it('asks "Unload anyway?" at once, and that applies the refused preset with force', async () => {
    const { api, pending } = open(REFUSAL);
    const prompt = await screen.findByTestId('busy-prompt');
    expect(prompt.textContent).toContain(Q7);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Unload anyway' }));
    });
    expect(api.calls.filter((c) => c.method === 'presets.apply').map((c) => c.input)).toEqual([
      { id: 'gaming', force: true },
    ]);
    expect(pending()).toBeNull();
    await waitFor(() => expect(screen.getByTestId('apply-result').textContent).toMatch(/Gaming/));
    expect(screen.queryByTestId('busy-prompt')).toBeNull();
  });

  it('Cancel forgets the refusal in the core too, so the next opening does not ask again', async () => {
    const { api, pending } = open(REFUSAL);
    await screen.findByTestId('busy-prompt');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    });
    expect(screen.queryByTestId('busy-prompt')).toBeNull();
    expect(api.calls.some((c) => c.method === 'presets.dismissBusy')).toBe(true);
    expect(pending()).toBeNull();
    expect(api.calls.some((c) => c.method === 'presets.apply')).toBe(false);
  });

  it('shows nothing when no refusal is pending, and asks when the already open window is focused after one', async () => {
    const { setPending } = open(null);
    await screen.findAllByText('Gaming');
    expect(screen.queryByTestId('busy-prompt')).toBeNull();
    setPending(REFUSAL);
    await act(async () => {
      window.dispatchEvent(new Event('focus'));
    });
    expect((await screen.findByTestId('busy-prompt')).textContent).toContain(Q7);
  });
});
