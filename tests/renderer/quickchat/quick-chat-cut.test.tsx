// @vitest-environment jsdom
/** A cut answer (the stream stopped halfway) shows what arrived, marked as cut, in the UI language; never as a finished answer. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { QuickChatApp } from '../../../renderer/src/quickchat/quick-chat-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { toPublicSettings } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

afterEach(cleanup);

async function cutAnswer(language: 'en' | 'pt-BR') {
  const api = createFakeApi();
  api.handle('chat.send', () => ({ ok: true, result: { requestId: 'r1', model: 'qwen', reason: 'picked by you' } }));
  const store = createAppStore(api);
  bindEvents(store);
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <StoreProvider store={store}>
        <QuickChatApp />
      </StoreProvider>
    </I18nextProvider>,
  );
  act(() => api.setStatus('open'));
  const s = defaultSettings();
  if (language !== 'en')
    act(() => store.useStore.getState().receiveSettings(toPublicSettings({ ...s, ui: { ...s.ui, language } })));
  const prompt = screen.getByLabelText(/Ask a question|Faça uma pergunta/);
  fireEvent.change(prompt, { target: { value: 'explain the KV cache' } });
  await act(async () => {
    fireEvent.keyDown(prompt, { key: 'Enter' });
  });
  act(() => api.emit('chat.delta', { requestId: 'r1', text: 'The KV cache keeps' }));
  act(() =>
    api.emit('chat.done', {
      requestId: 'r1',
      finishReason: 'error',
      usage: null,
      cut: true,
      error: {
        code: 'failed',
        message: 'The answer from qwen stopped halfway: LM Studio ended it without saying it was finished.',
      },
    }),
  );
}

describe('quick chat: a cut answer', () => {
  it.each([
    ['en', /The answer stopped halfway: the text above is only part of it, marked as cut\. Ask again\./],
    ['pt-BR', /A resposta parou no meio: o texto acima é só uma parte, marcada como cortada\. Pergunte de novo\./],
  ] as const)('keeps the partial text and marks it as cut (%s)', async (language, note) => {
    await cutAnswer(language);
    expect(await screen.findByText(/The KV cache keeps/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(note);
    expect(screen.queryByText(/The answer failed|A resposta falhou/)).toBeNull();
  });
});
