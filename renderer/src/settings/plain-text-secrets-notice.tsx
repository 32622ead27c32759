/**
 * Where a secret typed in the settings would be kept (app.info's `secretStorage`), and the notice
 * shown when it could only be plain text (a Linux desktop without a keyring): Loadout refuses to
 * store it there and names the environment variable to use instead.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/contract/app';
import { useApi } from '../store/store-context';

/** The core's secret storage, once app.info answers (null until then, or when it cannot). */
export function useSecretStorage(): AppInfo['secretStorage'] | null {
  const api = useApi();
  const [storage, setStorage] = useState<AppInfo['secretStorage'] | null>(null);
  useEffect(() => {
    let live = true;
    void api.call('app.info', undefined).then((r) => {
      if (live && r.ok) setStorage(r.result.secretStorage ?? null);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return storage;
}

/** The refusal text for `env`, or null when secrets can be stored encrypted (or nothing is known yet). */
export function usePlainTextSecretsRefusal(env: string): string | null {
  const { t } = useTranslation();
  return useSecretStorage() === 'plain-text-only' ? t('settings.secretsPlainText', { env }) : null;
}

/** The warning banner, when a secret could only be kept as plain text. */
export function PlainTextSecretsNotice({ refusal }: { refusal: string | null }) {
  if (!refusal) return null;
  return (
    <div className="banner banner-warn small" role="status" data-testid="secrets-plain-text" style={{ marginTop: 8 }}>
      {refusal}
    </div>
  );
}
