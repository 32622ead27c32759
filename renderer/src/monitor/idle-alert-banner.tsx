/** The idle-power watchdog's alert: what the GPU draws, what it costs, and the preset that fixes it. */
import { useTranslation } from 'react-i18next';
import { useAppStore, useGetState } from '../store/store-context';

/** Show the latest idle alert until dismissed. */
export function IdleAlertBanner() {
  const { t } = useTranslation();
  const alert = useAppStore((s) => s.idleAlert);
  const presetName = useAppStore((s) => s.presetList?.presets.find((p) => p.id === s.idleAlert?.suggestedPresetId)?.name ?? null);
  const get = useGetState();
  if (!alert) return null;
  return (
    <div className="banner banner-warn row" role="alert" style={{ justifyContent: 'space-between' }}>
      <span>{alert.message}</span>
      <span className="row">
        {alert.suggestedPresetId && presetName
          ? <button onClick={() => { void get().applyPreset(alert.suggestedPresetId!); get().dismissIdleAlert(); }}>{t('energy.idleAlertAction', { name: presetName })}</button>
          : null}
        <button className="ghost" onClick={() => get().dismissIdleAlert()}>{t('common.dismiss')}</button>
      </span>
    </div>
  );
}
