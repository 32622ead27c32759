/** Pick a model from LM Studio's catalog: search, with size, quantization and max context; keyboard listbox. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { formatBytesGiB, formatContext } from '../format/format-number';
import { useModelsMessage } from '../components/use-models-message';
import { selectCatalog } from '../store/selectors';
import { useAppStore } from '../store/store-context';

/** The catalog picker; calls `onPick` with the chosen model. */
export function ModelPicker({ onPick, onClose }: { onPick: (model: CatalogModel) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const catalog = useAppStore(selectCatalog);
  const message = useModelsMessage();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const models = useMemo(() => {
    const q = query.trim().toLowerCase();
    return catalog
      .filter((m) => m.type !== 'embedding' || q)
      .filter((m) => !q || `${m.key} ${m.displayName} ${m.publisher ?? ''}`.toLowerCase().includes(q));
  }, [catalog, query]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, models.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const m = models[active];
      if (m) onPick(m);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  return (
    <div className="card" style={{ background: 'var(--surface-2)' }} data-testid="model-picker">
      <div className="row" style={{ marginBottom: 8 }}>
        <input
          autoFocus
          style={{ flex: 1 }}
          placeholder={t('presets.searchModels')}
          aria-label={t('presets.searchModels')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls="model-picker-list"
          aria-activedescendant={models[active] ? `pick-${active}` : undefined}
        />
        <button onClick={onClose}>{t('common.close')}</button>
      </div>
      {message ? (
        <div className="banner banner-warn">{t('presets.catalogUnavailable', { reason: message })}</div>
      ) : null}
      <div className="picker">
        <table>
          <thead>
            <tr>
              <th>{t('presets.pickModel')}</th>
              <th>{t('presets.params')}</th>
              <th>{t('presets.quantization')}</th>
              <th>{t('presets.size')}</th>
              <th>{t('presets.maxContext')}</th>
            </tr>
          </thead>
          <tbody id="model-picker-list" role="listbox" aria-label={t('presets.pickModel')}>
            {models.map((m, i) => (
              <tr
                key={m.key}
                id={`pick-${i}`}
                role="option"
                aria-selected={i === active}
                onClick={() => onPick(m)}
                onMouseEnter={() => setActive(i)}
              >
                <td>
                  <div>{m.displayName}</div>
                  <div className="muted small mono">{m.key}</div>
                </td>
                <td>{m.paramsString ?? '—'}</td>
                <td>{m.quantization ?? '—'}</td>
                <td>{formatBytesGiB(m.sizeBytes, i18n.language)}</td>
                <td>{formatContext(m.maxContextLength)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
