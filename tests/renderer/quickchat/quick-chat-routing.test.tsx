// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../../renderer/src/i18n/init-i18n';
import { QuickChatApp } from '../../../renderer/src/quickchat/quick-chat-app';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { StoreProvider } from '../../../renderer/src/store/store-context';
import type { ChatRoute, RouteOption } from '../../../shared/contract/chat';
import type { ModelsState } from '../../../shared/contract/models';
import type { UiLanguage } from '../../../shared/i18n/languages';
import { defaultSettings } from '../../../shared/settings/schema';
import { toPublicSettings } from '../../../shared/contract/settings';
import { createFakeApi } from '../../support/fake-api';
import { formatReason } from '../../../shared/routing/reason-text';

afterEach(cleanup);

const CODER = 'qwen2.5-coder-14b-instruct';
const SMALL = 'llama-3.2-3b-instruct';
const loadedModel = (key: string, displayName: string) => ({
  instanceId: key,
  modelKey: key,
  contextLength: 8192,
  gpuOffload: null,
  ttlSeconds: null,
  flashAttention: null,
  offloadKvCacheToGpu: null,
  status: null,
  displayName,
  sizeBytes: 1e9,
  pinned: false,
});
const models: ModelsState = {
  reachable: true,
  apiLevel: 'v1',
  message: null,
  catalog: [],
  loaded: [loadedModel(CODER, 'Qwen2.5 Coder 14B'), loadedModel(SMALL, 'Llama 3.2 3B')],
};

const coderOption: RouteOption = {
  modelKey: CODER,
  displayName: 'Qwen2.5 Coder 14B',
  score: 42.5,
  reason: 'coder model, loaded',
  notes: [{ kind: 'coder' }, { kind: 'loaded' }, { kind: 'context-fits', tokens: 8192 }],
  loaded: true,
  endpointKind: 'local',
  endpointLabel: null,
};
const smallOption: RouteOption = {
  modelKey: SMALL,
  displayName: 'Llama 3.2 3B',
  score: 20.25,
  reason: 'small and fast, loaded',
  notes: [{ kind: 'small' }, { kind: 'loaded' }],
  loaded: true,
  endpointKind: 'local',
  endpointLabel: null,
};

/** What the core's router answers (the shapes `chat.route` returns for these two loaded models). */
function routeFor(model: string | undefined): ChatRoute {
  if (model === SMALL) {
    return {
      choice: smallOption,
      runnersUp: [coderOption],
      reason: `chosen by you → ${SMALL}, loaded`,
      reasonParts: { kind: 'override', mention: null, model: SMALL, state: 'loaded', exclusion: null },
      task: 'code',
      confidence: 1,
    };
  }
  return {
    choice: coderOption,
    runnersUp: [smallOption],
    reason: `code detected → ${CODER}, coder model, loaded, 8k context fits`,
    reasonParts: { kind: 'routed', task: 'code', promptTokens: 40, model: CODER, notes: coderOption.notes },
    task: 'code',
    confidence: 0.8,
  };
}

function setup(language: UiLanguage = 'en') {
  const api = createFakeApi();
  api.handle('models.list', () => ({ ok: true, result: models }));
  api.handle('chat.route', (input) => ({ ok: true, result: routeFor(input.model) }));
  let n = 0;
  api.handle('chat.send', (input) => ({
    ok: true,
    result: {
      requestId: `r${++n}`,
      model: input.model ?? CODER,
      reason: 'x',
      reasonParts: routeFor(input.model).reasonParts,
      task: 'code' as const,
      confidence: 0.8,
    },
  }));
  api.handle('chat.rate', () => ({ ok: true, result: { rated: true } }));
  api.handle('chat.cancel', () => ({ ok: true, result: { cancelled: true } }));
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

const sends = (api: ReturnType<typeof createFakeApi>) =>
  api.calls.filter((c) => c.method === 'chat.send').map((c) => c.input as { model?: string });

async function ask(
  api: ReturnType<typeof createFakeApi>,
  text: string,
  done: Record<string, unknown> = {},
  label = 'Ask a question',
) {
  const prompt = screen.getByLabelText(label);
  fireEvent.change(prompt, { target: { value: text } });
  await act(async () => {
    fireEvent.keyDown(prompt, { key: 'Enter' });
  });
  const requestId = `r${sends(api).length}`;
  act(() => api.emit('chat.delta', { requestId, text: 'An answer.' }));
  act(() => api.emit('chat.done', { requestId, finishReason: 'stop', error: null, usage: null, ...done }));
}

describe('the model chip', () => {
  it('shows the routed model and the reason in English', async () => {
    setup();
    expect((await screen.findByTestId('chip-model')).textContent).toBe('Qwen2.5 Coder 14B');
    const chip = screen.getByTestId('model-chip');
    expect(screen.getByTestId('chip-reason').textContent).toBe(
      'code detected → qwen2.5-coder-14b-instruct, coder model, loaded, 8k context fits',
    );
    expect(chip.getAttribute('title')).toContain('Alt+M');
    expect(chip.getAttribute('aria-keyshortcuts')).toBe('Alt+M');
    expect(chip.getAttribute('aria-expanded')).toBe('false');
  });

  it('words the reason in Brazilian Portuguese when the UI is in pt-BR', async () => {
    setup('pt-BR');
    await screen.findByText(/^código detectado/);
    expect(screen.getByTestId('chip-reason').textContent).toBe(
      'código detectado → qwen2.5-coder-14b-instruct, modelo de código, carregado, contexto de 8k cabe',
    );
    fireEvent.click(screen.getByTestId('model-chip'));
    const list = screen.getByRole('listbox', { name: 'Modelo para as próximas perguntas' });
    expect(within(list).getAllByRole('option')[0]!.textContent).toContain('Automático');
    expect(within(list).getAllByRole('option')[2]!.textContent).toContain('nota 20,3');
  });

  it('lists Auto and the runners-up with scores and reasons; a pick sends the next questions to it until Auto', async () => {
    const { api } = setup();
    await screen.findByTestId('chip-model');
    fireEvent.click(screen.getByTestId('model-chip'));
    const list = screen.getByRole('listbox', { name: 'Model for the next questions' });
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(options[0]!.textContent).toContain('Auto');
    expect(options[0]!.textContent).toContain('now: Qwen2.5 Coder 14B');
    expect(options[1]!.textContent).toContain('score 42.5');
    expect(options[2]!.textContent).toContain('Llama 3.2 3B');
    expect(options[2]!.textContent).toContain('small and fast, loaded');
    expect(document.activeElement).toBe(options[0]);
    fireEvent.keyDown(list, { key: 'End' });
    expect(document.activeElement).toBe(options[2]);
    await act(async () => {
      fireEvent.keyDown(list, { key: 'Enter' });
    });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('model-chip'));
    expect(screen.getByTestId('chip-model').textContent).toBe('Llama 3.2 3B');
    expect(screen.getByTestId('chip-reason').textContent).toBe('chosen by you → llama-3.2-3b-instruct, loaded');

    await ask(api, 'Fix my code');
    await ask(api, 'And now?');
    expect(sends(api).map((s) => s.model)).toEqual([SMALL, SMALL]);

    fireEvent.click(screen.getByTestId('model-chip'));
    await act(async () => {
      fireEvent.click(screen.getByRole('option', { name: /^Auto/ }));
    });
    await ask(api, 'Third');
    expect(sends(api).at(-1)?.model).toBeUndefined();
  });

  it('opens with Alt+M; Esc closes the menu without hiding the window; New chat goes back to Auto', async () => {
    const { api, store } = setup();
    await screen.findByTestId('chip-model');
    fireEvent.keyDown(window, { key: 'µ', code: 'KeyM', altKey: true });
    const list = screen.getByRole('listbox');
    expect(screen.getByTestId('model-chip').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(api.hidden).toBe(0);
    fireEvent.keyDown(window, { key: 'm', code: 'KeyM', altKey: true });
    await act(async () => {
      fireEvent.click(screen.getByRole('option', { name: /Llama/ }));
    });
    expect(store.useStore.getState().chatOverride?.modelKey).toBe(SMALL);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'New chat' }));
    });
    expect(store.useStore.getState().chatOverride).toBeNull();
  });
});

describe('rating an answer', () => {
  it('shows 👍/👎 as toggle buttons that call chat.rate, and the answer facts line', async () => {
    const { api } = setup();
    await screen.findByTestId('chip-model');
    await ask(api, 'Fix my code', {
      model: CODER,
      messageId: 7,
      conversationId: 'c1',
      ttftMs: 120.4,
      tokensPerSecond: 55.46,
      energyWh: 0.0213,
    });
    const up = screen.getByRole('button', { name: 'Good answer' });
    const down = screen.getByRole('button', { name: 'Bad answer' });
    expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed')]).toEqual(['false', 'false']);
    await act(async () => {
      fireEvent.click(up);
    });
    expect(api.calls.filter((c) => c.method === 'chat.rate').at(-1)?.input).toEqual({ messageId: 7, rating: 1 });
    expect(up.getAttribute('aria-pressed')).toBe('true');
    await act(async () => {
      fireEvent.click(down);
    });
    expect(api.calls.filter((c) => c.method === 'chat.rate').at(-1)?.input).toEqual({ messageId: 7, rating: -1 });
    expect([up.getAttribute('aria-pressed'), down.getAttribute('aria-pressed')]).toEqual(['false', 'true']);
    expect(screen.getByTestId('answer-facts').textContent).toBe(
      'Qwen2.5 Coder 14B · 1st token 120 ms · 55.5 tok/s · 0.021 Wh',
    );
    // The follow-up goes into the same kept conversation.
    await ask(api, 'More?');
    expect(api.calls.filter((c) => c.method === 'chat.send').at(-1)?.input).toMatchObject({ conversationId: 'c1' });
  });

  it('says when another model answered because the first choice failed', async () => {
    const { api } = setup();
    await screen.findByTestId('chip-model');
    await ask(api, 'Fix my code', {
      model: SMALL,
      fallbackFrom: CODER,
      messageId: 9,
      ttftMs: null,
      tokensPerSecond: null,
      energyWh: null,
    });
    expect(screen.getByTestId('answer-footer').textContent).toContain(`${CODER} failed; Llama 3.2 3B answered`);
  });

  it('says which machine answered when another machine did, in both languages', async () => {
    const { api } = setup();
    await screen.findByTestId('chip-model');
    const done = { model: CODER, machine: 'workstation', messageId: null, ttftMs: null, tokensPerSecond: 40 };
    await ask(api, 'Fix my code', done);
    expect(screen.getByTestId('answer-facts').textContent).toBe('Qwen2.5 Coder 14B on workstation · 40 tok/s');
    cleanup();
    const pt = setup('pt-BR');
    await screen.findByTestId('chip-model');
    await ask(pt.api, 'Corrija meu código', done, 'Faça uma pergunta');
    expect(screen.getByTestId('answer-facts').textContent).toMatch(/^Qwen2\.5 Coder 14B em workstation · 40/);
  });

  it('offers no rating for an answer the core did not keep', async () => {
    const { api } = setup();
    await screen.findByTestId('chip-model');
    await ask(api, 'hi', { model: CODER, messageId: null, ttftMs: null, tokensPerSecond: 40, energyWh: null });
    expect(screen.queryByRole('button', { name: 'Good answer' })).toBeNull();
    expect(screen.getByTestId('answer-facts').textContent).toBe('Qwen2.5 Coder 14B · 40 tok/s');
  });
});

describe('a question no model can take', () => {
  it("says why in pt-BR from the router's reason, not the core's English", async () => {
    const { api } = setup('pt-BR');
    const none = { kind: 'none', why: 'nothing-fits', task: 'code', promptTokens: 40, exclusion: null } as const;
    api.handle('chat.send', () => ({
      ok: false,
      error: {
        code: 'refused',
        message: 'code task (~40 tokens), no local model fits: load a smaller model',
        problem: { kind: 'no-route', reasonParts: none },
      },
    }));
    const prompt = screen.getByLabelText('Faça uma pergunta');
    fireEvent.change(prompt, { target: { value: 'refatore isto' } });
    await act(async () => {
      fireEvent.keyDown(prompt, { key: 'Enter' });
    });
    expect(screen.getByRole('alert').textContent).toBe(`A resposta falhou: ${formatReason(none, 'pt-BR')}`);
    expect(screen.getByRole('alert').textContent).not.toContain('no local model fits');
  });
});

describe('a route preview that fails', () => {
  it('says in pt-BR on the chip that the router did not answer, the error as the detail', async () => {
    const { api } = setup('pt-BR');
    api.handle('chat.route', () => ({
      ok: false,
      error: { code: 'unavailable', message: 'chat.route is not available: the router is not running' },
    }));
    fireEvent.change(screen.getByLabelText('Faça uma pergunta'), { target: { value: 'oi' } });
    expect((await screen.findByText(/o roteador não respondeu/, undefined, { timeout: 5000 })).textContent).toBe(
      'Ainda não se sabe qual modelo responde: o roteador não respondeu. ' +
        'Detalhe: chat.route is not available: the router is not running',
    );
  });
});

describe('an answer that fails', () => {
  it('says in pt-BR what did not happen and what to do from the failure code, the English kept as the detail', async () => {
    const { api } = setup('pt-BR');
    await ask(
      api,
      'oi',
      {
        finishReason: 'error',
        error: { code: 'failed', message: 'LM Studio is not running at http://127.0.0.1:1234.' },
        failure: { code: 'not-running', serverMessage: null },
      },
      'Faça uma pergunta',
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'A resposta não veio: o LM Studio não está rodando. Abra o LM Studio, inicie o servidor dele e pergunte de ' +
        'novo. Detalhe: LM Studio is not running at http://127.0.0.1:1234.',
    );
  });

  it('says in English that the answer failed when chat.send itself fails, with its words as the detail', async () => {
    const { api } = setup('en');
    api.handle('chat.send', () => ({
      ok: false,
      error: { code: 'internal', message: 'Loadout hit an unexpected error' },
    }));
    const prompt = screen.getByLabelText('Ask a question');
    fireEvent.change(prompt, { target: { value: 'hi' } });
    await act(async () => {
      fireEvent.keyDown(prompt, { key: 'Enter' });
    });
    expect(screen.getByRole('alert').textContent).toBe(
      "The answer failed. Ask again; if it keeps failing, look at LM Studio's server log. " +
        'Detail: Loadout hit an unexpected error',
    );
  });
});
