// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { QuickChatApp } from '../../../renderer/src/quickchat/quick-chat-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ChatStoredMessage } from '../../../shared/contract/chat';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

const stored = (
  id: number,
  role: 'user' | 'assistant',
  content: string,
  extra: Partial<ChatStoredMessage> = {},
): ChatStoredMessage => ({
  id,
  role,
  content,
  createdMs: 1_764_000_000_000 + id,
  model: null,
  reason: null,
  ttftMs: null,
  tokensPerSecond: null,
  energyWh: null,
  rating: null,
  ...extra,
});

function setup(history: { conversations: Array<{ id: string; title: string; createdMs: number; updatedMs: number }> }) {
  const api = createFakeApi();
  api.handle('chat.history', () => ({ ok: true, result: history }));
  api.handle('chat.conversation', ({ id }) =>
    id === 'c-old'
      ? {
          ok: true,
          result: {
            messages: [
              stored(1, 'user', 'What is VRAM?'),
              stored(2, 'assistant', 'Memory on the GPU.', {
                model: 'qwen2.5-7b-instruct',
                rating: 1,
                tokensPerSecond: 48,
              }),
            ],
          },
        }
      : { ok: false, error: { code: 'not-found', message: `There is no kept conversation "${id}".` } },
  );
  api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'qwen2.5-7b-instruct', reason: 'x' } }));
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

describe('the quick chat history', () => {
  it('lists the kept conversations and reopens one with its ratings; the next question continues it', async () => {
    const { api } = setup({
      conversations: [
        { id: 'c-old', title: 'What is VRAM?', createdMs: 1_764_000_000_000, updatedMs: 1_764_000_100_000 },
      ],
    });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    const list = await screen.findByRole('listbox', { name: 'Recent conversations' });
    const option = within(list).getByRole('option', { name: /What is VRAM\?/ });
    expect(document.activeElement).toBe(option);
    await act(async () => {
      fireEvent.keyDown(list, { key: 'Enter' });
    });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByTestId('answer').textContent).toContain('Memory on the GPU.');
    expect(screen.getByRole('button', { name: 'Good answer' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('answer-facts').textContent).toBe('qwen2.5-7b-instruct · 48 tok/s');
    const prompt = screen.getByLabelText('Ask a question');
    fireEvent.change(prompt, { target: { value: 'And RAM?' } });
    await act(async () => {
      fireEvent.keyDown(prompt, { key: 'Enter' });
    });
    expect(api.calls.filter((c) => c.method === 'chat.send').at(-1)?.input).toEqual({
      messages: [
        { role: 'user', content: 'What is VRAM?' },
        { role: 'assistant', content: 'Memory on the GPU.' },
        { role: 'user', content: 'And RAM?' },
      ],
      conversationId: 'c-old',
    });
  });

  it('says when nothing is kept yet, and Esc closes the list without hiding the window', async () => {
    const { api } = setup({ conversations: [] });
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByText('No kept conversations yet.')).toBeTruthy();
    expect(api.hidden).toBe(0);
  });

  it('says the history could not be read, that nothing is lost and what to do, with the error as the detail', async () => {
    const { api } = setup({ conversations: [] });
    api.handle('chat.history', () => ({ ok: false, error: { code: 'failed', message: 'loadout.db is locked' } }));
    fireEvent.click(screen.getByRole('button', { name: 'History' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The history could not be read; your conversations are not lost. Try again; if it keeps failing, restart ' +
        'Loadout. Detail: loadout.db is locked',
    );
  });
});
