/**
 * What adding a machine and changing one's address both show: the URL field, the "insecure" box with its
 * warning for a plain http:// URL, and the certificate fingerprint to compare with the one that machine
 * printed (trust on first use).
 */
import { useTranslation } from 'react-i18next';
import { TextField } from './settings-fields';

/** The machine's address. */
export function MachineUrlField({
  value,
  invalid,
  onChange,
}: {
  value: string;
  invalid?: boolean;
  onChange(v: string): void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('machineSettings.url')}
      value={value}
      spellCheck={false}
      invalid={invalid}
      onChange={onChange}
    />
  );
}

/** The opt-in for plain HTTP, with what it exposes. */
export function InsecureHttpConsent({ checked, onChange }: { checked: boolean; onChange(v: boolean): void }) {
  const { t } = useTranslation();
  return (
    <div className="banner banner-warn" data-testid="insecure-warning">
      <label className="row">
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span>{t('machineSettings.insecure')}</span>
      </label>
      <p className="small" style={{ margin: '4px 0 0' }}>
        {t('machineSettings.insecureWarning')}
      </p>
    </div>
  );
}

/** The fingerprint the agent presented; `first` when nothing stands above it in its card. */
export function FingerprintToCompare({ fingerprint, first }: { fingerprint: string; first?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <p style={{ margin: first ? 0 : '6px 0 0' }}>
        <strong>{t('machineSettings.fingerprint')}</strong>
      </p>
      <code data-testid="fingerprint" style={{ wordBreak: 'break-all' }}>
        {fingerprint}
      </code>
      <p className="muted small" style={{ margin: '4px 0 0' }}>
        {t('machineSettings.fingerprintHint')}
      </p>
    </>
  );
}
