/**
 * A settings form saved with its own button (general, routing, MCP, gaming): the form, its cards, and the
 * button with the outcome of the last save beside it.
 */
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';

export type SaveMessage = { kind: 'ok' | 'err'; text: string } | null;

/** "Saved", or why saving failed. */
export function saveOutcome(t: TFunction, error: string | null): SaveMessage {
  return error
    ? { kind: 'err', text: t('settings.saveFailed', { reason: error }) }
    : { kind: 'ok', text: t('settings.saved') };
}

export function SettingsFormShell({
  label,
  saveLabel,
  message,
  onSave,
  children,
}: {
  label: string;
  saveLabel: string;
  message: SaveMessage;
  onSave(): void;
  children: ReactNode;
}) {
  return (
    <form
      className="grid"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
      aria-label={label}
    >
      {children}
      <div className="row">
        <button type="submit" className="primary">
          {saveLabel}
        </button>
        {message ? (
          <span className={`banner ${message.kind === 'ok' ? 'banner-ok' : 'banner-err'}`} role="status">
            {message.text}
          </span>
        ) : null}
      </div>
    </form>
  );
}
