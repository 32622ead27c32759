/**
 * The chip saying which model answers and why (in the UI language). A click, or Alt+M, opens the menu
 * of runners-up with their scores; the pick holds for the next questions until "Auto" or New chat.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatReason } from '../../../shared/routing/reason-text';
import { selectIsStreaming } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { menuOptions, ModelMenu } from './model-menu';
import { reasonLanguage } from './reason-language';

/** The shortcut that opens the menu (announced in the tooltip and to assistive tech). */
export const MODEL_MENU_SHORTCUT = 'Alt+M';

/** True for Alt+M without other modifiers (by key position: Alt+M types "µ" on a Mac). */
export function isModelMenuShortcut(
  e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>,
): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyM';
}

/** The model chip and its menu. */
export function ModelChip() {
  const { t, i18n } = useTranslation();
  const get = useGetState();
  const route = useAppStore((s) => s.chatRoute);
  const routeError = useAppStore((s) => s.chatRouteError);
  const answering = useAppStore((s) => s.answeringModel);
  const streaming = useAppStore(selectIsStreaming);
  const override = useAppStore((s) => s.chatOverride);
  const loaded = useAppStore((s) => s.models?.loaded);
  const [open, setOpen] = useState(false);
  const chip = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const lang = reasonLanguage(i18n.language);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isModelMenuShortcut(e)) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (!open) return;
    void get().refreshRoute();
    const onDown = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open, get]);

  const close = () => {
    setOpen(false);
    chip.current?.focus();
  };
  // While an answer streams (and until the next preview) the chip names who answers; otherwise what the prompt being typed would get.
  const current =
    (streaming || !route) && answering
      ? {
          modelKey: answering.model,
          reason: answering.reasonParts ? formatReason(answering.reasonParts, lang) : answering.reason,
        }
      : route
        ? { modelKey: route.choice?.modelKey ?? null, reason: formatReason(route.reasonParts, lang) }
        : null;
  const nameOf = (key: string) =>
    menuOptions(route).find((o) => o.modelKey === key)?.displayName ??
    loaded?.find((m) => m.modelKey === key || m.instanceId === key)?.displayName ??
    (override?.modelKey === key ? override.displayName : key);
  const name = current?.modelKey ? nameOf(current.modelKey) : null;
  const reason =
    current?.reason ?? (routeError ? t('chat.routeFailed', { detail: routeError }) : null) ?? t('chat.routing');
  const noRoute = current !== null && current.modelKey === null;

  return (
    <div className="model-chip-box" ref={box}>
      <button
        ref={chip}
        type="button"
        className={`model-chip${noRoute ? ' no-route' : ''}${override ? ' picked' : ''}`}
        data-testid="model-chip"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-keyshortcuts={MODEL_MENU_SHORTCUT}
        title={t('chat.chipTitle', { reason, shortcut: MODEL_MENU_SHORTCUT })}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="sr-only">{t('chat.model')}: </span>
        {name ? (
          <span className="chip-model" data-testid="chip-model">
            {name}
          </span>
        ) : null}
        <span className={`chip-why${name ? '' : ' alone'}`} data-testid="chip-reason">
          {reason}
        </span>
        <span className="chip-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <ModelMenu
          id={menuId}
          route={route}
          override={override}
          onPick={(o) => {
            void get().pickChatModel(o);
            close();
          }}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
