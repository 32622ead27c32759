/**
 * Loaded models with size, context and an Unload button; LM Studio's reason when it is unreachable, else
 * the API level in use and what it cannot do (0.3.x without REST load/unload, no `lms`, …). An unload that
 * meets a generating model asks "Unload anyway?" here.
 */
import { useTranslation } from 'react-i18next';
import { BusyModelsPrompt } from '../components/busy-models-prompt';
import { formatBytesGiB, formatContext } from '../format/format-number';
import { useModelsMessage } from '../components/use-models-message';
import { selectLoadedModels } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';

/** The loaded-models card. */
export function LoadedModelsCard() {
  const { t, i18n } = useTranslation();
  const loaded = useAppStore(selectLoadedModels);
  const message = useModelsMessage();
  const models = useAppStore((s) => s.models);
  // The limitations come as codes worded here, in the window's language (the English message only from an older core); level names are product names.
  const limits = models?.notices
    ? models.notices.map((n) => t(`lmstudioNotice.${n.code}`, n.params ?? {})).join(' ')
    : models?.message;
  const level = models?.reachable ? `LM Studio · REST ${models.apiLevel}${limits ? ` — ${limits}` : ''}` : null;
  const get = useGetState();
  const unloadBusy = useAppStore((s) => s.unloadBusy);
  const nameOf = (b: { instanceId: string; modelKey: string }) =>
    loaded.find((m) => m.instanceId === b.instanceId)?.displayName ?? b.modelKey;
  const retryForced = () => {
    if (!unloadBusy) return;
    void (unloadBusy.instanceId === null
      ? get().unloadAllModels(true)
      : get().unloadModel(unloadBusy.instanceId, true));
  };
  return (
    <section className="card" aria-labelledby="loaded-title" data-testid="loaded-models">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="loaded-title">{t('monitor.loadedModels')}</h2>
        {loaded.length > 1 ? (
          <button className="ghost" onClick={() => void get().unloadAllModels()}>
            {t('monitor.unloadAll')}
          </button>
        ) : null}
      </div>
      {message ? (
        <div className="banner banner-warn" role="status">
          {message}
        </div>
      ) : null}
      {unloadBusy ? (
        <BusyModelsPrompt
          busy={unloadBusy.busy}
          nameOf={nameOf}
          notice={unloadBusy.notice}
          onUnloadAnyway={retryForced}
          onCancel={() => get().dismissUnloadBusy()}
        />
      ) : null}
      {level ? (
        <p className="muted small" data-testid="lmstudio-level">
          {level}
        </p>
      ) : null}
      {loaded.length === 0 ? (
        <p className="muted">{t('monitor.noModelsLoaded')}</p>
      ) : (
        <table>
          <tbody>
            {loaded.map((m) => (
              <tr key={m.instanceId}>
                <td>
                  <div>{m.displayName ?? m.modelKey}</div>
                  <div className="muted small mono">{m.instanceId}</div>
                </td>
                <td className="muted">{formatBytesGiB(m.sizeBytes, i18n.language)}</td>
                <td className="muted">{t('monitor.context', { value: formatContext(m.contextLength) })}</td>
                <td>
                  {m.pinned ? (
                    <span className="pill accent">{t('monitor.pinnedBadge')}</span>
                  ) : m.status === 'generating' ? (
                    <span className="pill ok">{m.status}</span>
                  ) : null}
                </td>
                <td style={{ textAlign: 'right' }}>
                  <button
                    className="ghost"
                    onClick={() => void get().unloadModel(m.instanceId)}
                    aria-label={`${t('monitor.unload')} ${m.modelKey}`}
                  >
                    {t('monitor.unload')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
