// @vitest-environment jsdom
/**
 * The quick chat's Copy (issue 5: stop, copy, new chat): it copies the last answer's Markdown source,
 * not the rendered HTML; it says "Copied" in a live region; it is off while the answer streams; a
 * clipboard that refuses gets a message instead of silence.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { QuickChatApp } from '../../../renderer/src/quickchat/quick-chat-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import { toPublicSettings } from '../../../shared/contract';
import { defaultSettings } from '../../../shared/settings/schema';
import { createFakeApi } from '../../support/fake-api';

const MARKDOWN = 'Use **grep**:\n\n```sh\ngrep -rn foo .\n```\n\n- one\n- two';
let writeText: ReturnType<typeof vi.fn<(text: string) => Promise<void>>>;

// The Markdown chunk loads lazily; load it first so findBy's wait times the rendering, not a cold import.
beforeAll(async () => {
  await import('../../../renderer/src/quickchat/markdown-answer');
});
beforeEach(() => {
  writeText = vi.fn<(text: string) => Promise<void>>(async () => undefined);
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
afterEach(cleanup);

function setup(language: 'en' | 'pt-BR' = 'en') {
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
  // The window follows settings.ui.language over the browser's locale (jsdom's is en-US).
  const s = defaultSettings();
  if (language !== 'en')
    act(() => store.useStore.getState().receiveSettings(toPublicSettings({ ...s, ui: { ...s.ui, language } })));
  return { api, store };
}

/** Ask, stream `text` and (unless `finish` is false) end the answer. */
async function answer(api: ReturnType<typeof setup>['api'], text: string, finish = true) {
  const prompt = screen.getByLabelText(/Ask a question|Faça uma pergunta/);
  fireEvent.change(prompt, { target: { value: 'how do I search?' } });
  await act(async () => {
    fireEvent.keyDown(prompt, { key: 'Enter' });
  });
  act(() => api.emit('chat.delta', { requestId: 'r1', text }));
  if (finish) act(() => api.emit('chat.done', { requestId: 'r1', finishReason: 'stop', error: null, usage: null }));
}

describe('quick chat Copy', () => {
  it('copies the last answer as Markdown and announces "Copied"', async () => {
    const { api } = setup();
    const copy = screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement;
    expect(copy.disabled).toBe(true);
    await answer(api, MARKDOWN);
    // The answer is rendered (a code block, a list), yet the clipboard gets the source.
    expect((await screen.findByText('grep')).tagName).toBe('STRONG');
    expect(copy.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(copy);
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    expect(writeText).toHaveBeenCalledWith(MARKDOWN);
    expect(writeText.mock.calls[0]![0]).not.toMatch(/<pre|<code|<li/);
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    const status = screen.getByTestId('copy-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('Copied');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not copy half an answer while it is still streaming', async () => {
    const { api } = setup();
    await answer(api, 'Partial **ans', false);
    const copy = screen.getByRole('button', { name: 'Copy' }) as HTMLButtonElement;
    expect(copy.disabled).toBe(true);
    await act(async () => {
      fireEvent.click(copy);
    });
    expect(writeText).not.toHaveBeenCalled();
    act(() => api.emit('chat.delta', { requestId: 'r1', text: 'wer**' }));
    act(() => api.emit('chat.done', { requestId: 'r1', finishReason: 'stop', error: null, usage: null }));
    await act(async () => {
      fireEvent.click(copy);
    });
    expect(writeText).toHaveBeenCalledWith('Partial **answer**');
  });

  it('says why when the clipboard refuses (pt-BR), and nothing claims it was copied', async () => {
    writeText.mockRejectedValueOnce(new DOMException('Document is not focused.', 'NotAllowedError'));
    const { api } = setup('pt-BR');
    await answer(api, MARKDOWN);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copiar' }));
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'Não foi possível copiar a resposta: Document is not focused. Selecione o texto e tecle Ctrl+C.',
    );
    expect(screen.getByTestId('copy-status').textContent).toBe('');
    expect(screen.queryByRole('button', { name: 'Copiado' })).toBeNull();
    // Trying again once the clipboard works clears the message.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copiar' }));
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('copy-status').textContent).toBe('Copiado');
  });
});
