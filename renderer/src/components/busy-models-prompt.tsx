/**
 * The question the core leaves to the person when a switch or unload meets a model that is still
 * generating: which models, "Unload anyway" (cuts the answer off) or Cancel. Focus lands on Cancel,
 * the harmless choice; Escape cancels too.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BusyModel } from '../../../shared/contract/models';
import type { Translate } from '../../../shared/i18n/translate';
import { wordSwitchNotice, type SwitchNotice } from '../../../shared/presets/switch-notice';

export interface BusyModelsPromptProps {
  busy: BusyModel[];
  onUnloadAnyway(): void;
  onCancel(): void;
  /** Names the instance ids show under (display names from the models state); default the model key. */
  nameOf?: (model: BusyModel) => string;
  /** The core's refusal as data: worded here (how long it waited, who is answering, what to do) instead of the general body. */
  notice?: SwitchNotice | null;
}

/** The inline "still generating" question with the busy models and two buttons. */
export function BusyModelsPrompt({ busy, onUnloadAnyway, onCancel, nameOf, notice }: BusyModelsPromptProps) {
  const { t } = useTranslation();
  const id = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);
  return (
    <div
      className="banner banner-warn"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid="busy-prompt"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <strong id={`${id}-title`}>{t('busy.title')}</strong>
      <p id={`${id}-body`} className="small" style={{ margin: '4px 0' }}>
        {notice?.kind === 'models-busy' ? wordSwitchNotice(notice, t as unknown as Translate) : t('busy.body')}
      </p>
      <ul aria-label={t('busy.models')} className="small" style={{ margin: '4px 0' }}>
        {busy.map((b) => (
          <li key={b.instanceId}>
            {nameOf ? nameOf(b) : b.modelKey}
            {b.instanceId !== (nameOf ? nameOf(b) : b.modelKey) ? (
              <span className="muted mono"> ({b.instanceId})</span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="danger" onClick={onUnloadAnyway}>
          {t('busy.unloadAnyway')}
        </button>
        <button type="button" ref={cancelRef} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
