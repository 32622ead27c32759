/** "History": the quick chat's kept conversations, newest first; picking one shows it and continues it. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatConversation } from '../../../shared/contract/chat';
import { useAppStore, useGetState } from '../store/store-context';
import { useListbox } from './use-listbox';

function HistoryList({
  id,
  conversations,
  current,
  onPick,
  onClose,
}: {
  id: string;
  conversations: ChatConversation[];
  current: string | null;
  onPick(id: string): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const selected = Math.max(
    0,
    conversations.findIndex((c) => c.id === current),
  );
  const { active, setActive, itemRef, onKeyDown } = useListbox(
    conversations.length,
    selected,
    (i) => onPick(conversations[i]!.id),
    onClose,
  );
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <ul id={id} role="listbox" aria-label={t('chat.historyTitle')} onKeyDown={onKeyDown}>
      {conversations.map((c, i) => (
        <li
          key={c.id}
          ref={itemRef(i)}
          role="option"
          aria-selected={c.id === current}
          tabIndex={active === i ? 0 : -1}
          onClick={() => onPick(c.id)}
          onFocus={() => setActive(i)}
        >
          <span className="option-name history-title">{c.title || t('chat.untitled')}</span>
          <span className="option-why">{when.format(new Date(c.updatedMs))}</span>
        </li>
      ))}
    </ul>
  );
}

/** The History button and its popup. */
export function HistoryButton() {
  const { t } = useTranslation();
  const get = useGetState();
  const conversations = useAppStore((s) => s.chatHistory);
  const error = useAppStore((s) => s.chatHistoryError);
  const current = useAppStore((s) => s.conversationId);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    void get().loadChatHistory();
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, get]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="history-box" ref={box}>
      <button
        ref={button}
        type="button"
        className="ghost"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {t('chat.history')}
      </button>
      {open ? (
        <div className="model-menu history-menu" data-testid="history-menu">
          <p className="model-menu-title">{t('chat.historyTitle')}</p>
          {error ? (
            <p className="rating-error" role="alert">
              {t('chat.historyFailed', { reason: error })}
            </p>
          ) : conversations === null ? (
            <p className="muted small">{t('common.loading')}</p>
          ) : conversations.length === 0 ? (
            <p className="muted small">{t('chat.historyEmpty')}</p>
          ) : (
            <HistoryList
              id={listId}
              conversations={conversations}
              current={current}
              onPick={(id) => {
                void get().openConversation(id);
                close();
              }}
              onClose={close}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
