/** The pinned list: loaded models (and anything already pinned) with a Pin / Unpin toggle. */
import { useTranslation } from 'react-i18next';
import { selectLoadedModels, selectPinned } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import { PresetsCallError } from './presets-call-error';

/** Pin or unpin models no preset may unload. */
export function PinnedCard() {
  const { t } = useTranslation();
  const pinned = useAppStore(selectPinned);
  const loaded = useAppStore(selectLoadedModels);
  const get = useGetState();
  const keys = [...new Set([...pinned, ...loaded.map((m) => m.modelKey)])];
  const toggle = (key: string) =>
    void get().setPinned(pinned.includes(key) ? pinned.filter((k) => k !== key) : [...pinned, key]);
  return (
    <section className="card" aria-labelledby="pinned-title">
      <h2 id="pinned-title">{t('presets.pinned')}</h2>
      <p className="muted small">{t('presets.pinnedHint')}</p>
      <PresetsCallError calls={['pin']} />
      {keys.length === 0 ? (
        <p className="muted small">{t('common.none')}</p>
      ) : (
        <table>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <td className="mono small">{k}</td>
                <td style={{ textAlign: 'right' }}>
                  <button
                    className={pinned.includes(k) ? 'primary' : ''}
                    aria-pressed={pinned.includes(k)}
                    onClick={() => toggle(k)}
                  >
                    {pinned.includes(k) ? t('presets.unpin') : t('presets.pin')}
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
