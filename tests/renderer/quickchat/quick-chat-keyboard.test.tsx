// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { QuickChatApp } from '../../../renderer/src/quickchat/quick-chat-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ModelsState } from '../../../shared/contract/models';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const models: ModelsState = {
  reachable: true,
  apiLevel: 'v1',
  message: null,
  catalog: [],
  loaded: ['qwen2.5-7b-instruct', 'llama-3.2-3b-instruct'].map((id) => ({
    instanceId: id,
    modelKey: id,
    contextLength: 4096,
    gpuOffload: null,
    ttlSeconds: null,
    flashAttention: null,
    offloadKvCacheToGpu: null,
    status: null,
    displayName: id,
    sizeBytes: 1e9,
    pinned: false,
  })),
};

function setup() {
  const api = createFakeApi();
  api.handle('models.list', () => ({ ok: true, result: models }));
  api.handle('chat.send', () => ({
    ok: true,
    result: { requestId: 'r1', model: 'llama-3.2-3b-instruct', reason: 'picked by you' },
  }));
  api.handle('chat.cancel', () => ({ ok: true, result: { cancelled: true } }));
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n('en')}>
      <StoreProvider store={store}>
        <QuickChatApp />
      </StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  return { api, store };
}

describe('the quick chat from the keyboard', () => {
  it('sends with Enter (routed: no model named), streams, and Esc then hides the window', async () => {
    const { api } = setup();
    const prompt = screen.getByLabelText('Ask a question');
    expect(document.activeElement).toBe(prompt);
    fireEvent.change(prompt, { target: { value: 'Shift+Enter keeps typing' } });
    fireEvent.keyDown(prompt, { key: 'Enter', shiftKey: true });
    expect(api.calls.some((c) => c.method === 'chat.send')).toBe(false);
    await act(async () => {
      fireEvent.keyDown(prompt, { key: 'Enter' });
    });
    expect(api.calls.find((c) => c.method === 'chat.send')?.input).toEqual({
      messages: [{ role: 'user', content: 'Shift+Enter keeps typing' }],
      conversationId: 'new',
    });
    act(() => api.emit('chat.delta', { requestId: 'r1', text: 'Hello <b>there</b>' }));
    // Deltas reach the screen on the next frame.
    await waitFor(() => expect(screen.getByTestId('answer').textContent).toContain('Hello <b>there</b>'));
    expect(screen.getByTestId('model-chip').textContent).toContain('picked by you');
    // Esc while streaming stops the answer instead of hiding.
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
    });
    expect(api.calls.at(-1)).toEqual({ method: 'chat.cancel', input: { requestId: 'r1' } });
    expect(api.hidden).toBe(0);
    act(() => api.emit('chat.done', { requestId: 'r1', finishReason: 'cancelled', error: null, usage: null }));
    expect(screen.getByText('Stopped.')).toBeTruthy();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(api.hidden).toBe(1);
  });

  it('New chat clears the conversation and puts the focus back in the prompt', async () => {
    const { store } = setup();
    await act(async () => {
      await store.useStore.getState().sendPrompt('hi');
    });
    expect(screen.getAllByTestId('answer')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
    expect(screen.queryAllByTestId('answer')).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Ask a question'));
  });
});
