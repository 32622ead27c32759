/**
 * The model chip's menu: "Auto" and the models the router ranked for the prompt being typed, each
 * with its score and why, as an accessible listbox (arrows, Home/End, Enter/Space, Esc, Tab).
 */
import { useTranslation } from 'react-i18next';
import type { ChatRoute, RouteOption } from '../../../shared/contract/chat';
import { formatNote } from '../../../shared/routing/reason-text';
import type { ChatOverride } from '../store/chat-route-slice';
import { reasonLanguage } from './reason-language';
import { useListbox } from './use-listbox';

export interface ModelMenuProps {
  id: string;
  route: ChatRoute | null;
  override: ChatOverride | null;
  onPick(option: ChatOverride | null): void;
  onClose(): void;
}

/** The candidates best first, each model once. */
export function menuOptions(route: ChatRoute | null): RouteOption[] {
  if (!route) return [];
  const seen = new Set<string>();
  return [route.choice, ...route.runnersUp]
    .filter((o): o is RouteOption => o !== null)
    .sort((a, b) => b.score - a.score)
    .filter((o) => (seen.has(o.modelKey) ? false : (seen.add(o.modelKey), true)));
}

/** The menu; focus starts on the current pick and goes back to the chip on close (the chip does that). */
export function ModelMenu({ id, route, override, onPick, onClose }: ModelMenuProps) {
  const { t, i18n } = useTranslation();
  const lang = reasonLanguage(i18n.language);
  const options = menuOptions(route);
  const selected = override ? Math.max(0, options.findIndex((o) => o.modelKey === override.modelKey) + 1) : 0;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const pick = (index: number) => {
    const o = index === 0 ? null : options[index - 1];
    onPick(o ? { modelKey: o.modelKey, displayName: o.displayName } : null);
  };
  const { active, setActive, itemRef, onKeyDown } = useListbox(options.length + 1, selected, pick, onClose);
  const autoNow =
    route?.choice && !override ? t('chat.autoNow', { model: route.choice.displayName }) : t('chat.autoHint');

  return (
    <div className="model-menu" data-testid="model-menu">
      <p className="model-menu-title" id={`${id}-title`}>
        {t('chat.menuTitle')}
      </p>
      <ul id={id} role="listbox" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
        <li
          ref={itemRef(0)}
          role="option"
          aria-selected={selected === 0}
          tabIndex={active === 0 ? 0 : -1}
          onClick={() => pick(0)}
          onFocus={() => setActive(0)}
        >
          <span className="option-name">{t('chat.auto')}</span>
          <span className="option-why">{autoNow}</span>
        </li>
        {options.map((o, i) => {
          const why = o.notes.length > 0 ? o.notes.map((n) => formatNote(n, lang)).join(', ') : o.reason;
          const where =
            o.endpointKind === 'cloud'
              ? t('chat.cloud')
              : o.endpointLabel
                ? t('chat.onMachine', { label: o.endpointLabel })
                : o.loaded
                  ? null
                  : t('chat.notLoaded');
          return (
            <li
              key={o.modelKey}
              ref={itemRef(i + 1)}
              role="option"
              aria-selected={selected === i + 1}
              tabIndex={active === i + 1 ? 0 : -1}
              onClick={() => pick(i + 1)}
              onFocus={() => setActive(i + 1)}
              data-model={o.modelKey}
            >
              <span className="option-name">
                {o.displayName}
                {where ? <span className="pill">{where}</span> : null}
              </span>
              <span className="option-score">{t('chat.score', { value: number.format(o.score) })}</span>
              {why ? <span className="option-why">{why}</span> : null}
            </li>
          );
        })}
      </ul>
      {options.length === 0 ? <p className="muted small">{t('chat.noCandidates')}</p> : null}
    </div>
  );
}
