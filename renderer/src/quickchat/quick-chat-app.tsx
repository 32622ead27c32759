/**
 * The quick chat window: a prompt box, the streamed answer, stop / copy / new chat, the model chip.
 * Enter sends, Shift+Enter breaks the line, Esc stops an answer or hides the window (through the API).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner } from '../components/connection-banner';
import { usePreferences } from '../components/use-preferences';
import { selectIsStreaming, selectTurns } from '../store/selectors';
import { useApi, useAppStore, useGetState } from '../store/store-context';
import { AnswerFooter } from './answer-footer';
import { AnswerView, preloadMarkdown } from './answer-view';
import { CopyAnswerButton } from './copy-answer-button';
import { HistoryButton } from './history-button';
import { ModelChip } from './model-chip';
import { reasonLanguage } from './reason-language';
import { formatReason } from '../../../shared/routing/reason-text';
import { wordChatFailure } from '../../../shared/chat/chat-failure';
import type { Translate } from '../../../shared/i18n/translate';

/** How long typing pauses before the chip asks which model the prompt would get. */
const PREVIEW_DELAY_MS = 250;

/** The quick chat window. */
export function QuickChatApp() {
  usePreferences();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const get = useGetState();
  const turns = useAppStore(selectTurns);
  const streaming = useAppStore(selectIsStreaming);
  const connection = useAppStore((s) => s.connection);
  const [prompt, setPrompt] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (connection !== 'open') return;
    void get().loadSettings();
    void get().loadModels();
  }, [connection, get]);

  // The chip follows the prompt as it is typed (a dry route, not logged); an emptied prompt after an answer keeps who answered.
  useEffect(() => {
    if (connection !== 'open') return;
    if (prompt.trim() === '' && get().turns.length > 0) return;
    const timer = setTimeout(() => void get().previewRoute(prompt), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [prompt, connection, get]);

  useEffect(() => {
    document.title = `${t('chat.title')} — Loadout`;
  }, [t]);
  // The prompt is on screen and focused: `npm run bench -- ui` times page load to this mark.
  useEffect(() => {
    performance.mark('loadout:prompt-ready');
  }, []);
  useEffect(() => {
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [turns]);

  // The window is pre-created hidden and shown by the hotkey: each time it gains focus, the prompt has it.
  useEffect(() => {
    const onFocus = () => input.current?.focus();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      if (get().chatRequestId !== null) void get().stopAnswer();
      else api.hideWindow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [get, api]);

  const send = () => {
    if (!prompt.trim() || streaming) return;
    preloadMarkdown();
    void get().sendPrompt(prompt);
    setPrompt('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  const lastAnswer = [...turns].reverse().find((x) => x.role === 'assistant' && x.content);
  const newChat = () => {
    get().newChat();
    setPrompt('');
    input.current?.focus();
  };

  return (
    <div className="chat">
      <div className="chat-top">
        <ModelChip />
        <span className="spacer" />
        <CopyAnswerButton text={lastAnswer?.content ?? null} streaming={lastAnswer?.status === 'streaming'} />
        <HistoryButton />
        <button className="ghost" onClick={newChat} title={t('chat.newChat')}>
          {t('chat.newChat')}
        </button>
        <button
          className="ghost icon"
          onClick={() => api.hideWindow()}
          aria-label={t('chat.hide')}
          title={t('chat.hide')}
        >
          ×
        </button>
      </div>
      <ConnectionBanner />
      <div className="chat-log" ref={log} aria-live="polite" aria-label={t('chat.title')} data-testid="chat-log">
        {turns.length === 0 ? <p className="chat-empty muted">{t('chat.prompt')}</p> : null}
        {turns.map((turn, i) =>
          turn.role === 'user' ? (
            <div key={i} className="turn-user">
              <span className="sr-only">{t('chat.you')}: </span>
              {turn.content}
            </div>
          ) : (
            <div key={i} className="turn-assistant" data-testid="answer">
              <span className="sr-only">{t('chat.assistant')}: </span>
              {turn.content ? (
                <AnswerView text={turn.content} streaming={turn.status === 'streaming'} />
              ) : turn.status === 'streaming' ? (
                <p className="muted">{t('chat.thinking')}</p>
              ) : null}
              {turn.status === 'stopped' ? <p className="muted small">{t('chat.stopped')}</p> : null}
              {turn.status === 'done' || turn.status === 'length' || turn.status === 'stopped' ? (
                <AnswerFooter turn={turn} index={i} />
              ) : null}
              {turn.status === 'cut' ? (
                <div className="banner banner-warn" role="alert">
                  {t('chat.cut')}
                </div>
              ) : null}
              {turn.status === 'error' ? (
                <div className="banner banner-err" role="alert">
                  {turn.errorReason
                    ? t('chat.failed', { reason: formatReason(turn.errorReason, reasonLanguage(i18n.language)) })
                    : wordChatFailure(turn.errorCode, turn.error ?? '', t as unknown as Translate)}
                </div>
              ) : null}
            </div>
          ),
        )}
      </div>
      <form
        className="chat-input"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label htmlFor="prompt" className="sr-only">
          {t('chat.prompt')}
        </label>
        <textarea
          id="prompt"
          ref={input}
          autoFocus
          rows={2}
          value={prompt}
          placeholder={t('chat.placeholder')}
          onChange={(e) => setPrompt(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {streaming ? (
          <button type="button" onClick={() => void get().stopAnswer()}>
            {t('chat.stop')}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!prompt.trim()}>
            {t('chat.send')}
          </button>
        )}
      </form>
    </div>
  );
}
