/** Edit one preset: name, id, description, exclusive, models with their load settings; live memory fit; save / apply / delete. */
import { presetDisplayName } from './preset-display-name';
import type { Translate } from '../../../shared/i18n/translate';
import { localPresetDescription } from '../../../shared/presets/builtin-preset-name';
import { wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GpuOffload, Preset, PresetModel } from '../../../shared/presets/schema';
import { useGetState } from '../store/store-context';
import { FitFeedback } from './fit-feedback';
import { ModelPicker } from './model-picker';
import { ResolvedModelLabel } from './resolved-model-label';
import { useMemoryFit } from './use-memory-fit';

const ID_PATTERN = /^[a-z0-9][a-z0-9-_]*$/i;

/** A preset id from a name ("Coding 32k" → "coding-32k"). */
export function slugifyPresetId(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'preset';
}

function offloadValue(o: GpuOffload | undefined): string {
  return o === undefined ? '' : String(o);
}
function parseOffload(v: string): GpuOffload | undefined {
  if (v === '') return undefined;
  if (v === 'max' || v === 'off') return v;
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), 1) : undefined;
}
function optionalInt(v: string): number | undefined {
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export interface PresetEditorProps {
  preset: Preset;
  isNew: boolean;
  onSaved: (id: string) => void;
  onDeleted: () => void;
}

/** The editor form. */
export function PresetEditor({ preset, isNew, onSaved, onDeleted }: PresetEditorProps) {
  const { t } = useTranslation();
  const get = useGetState();
  const [draft, setDraft] = useState<Preset>(preset);
  const [idTouched, setIdTouched] = useState(!isNew);
  const [picking, setPicking] = useState(false);
  const [showSelectors, setShowSelectors] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  useEffect(() => {
    setDraft(preset);
    setIdTouched(!isNew);
    setMessage(null);
  }, [preset, isNew]);
  const fit = useMemoryFit(draft);
  // What each row's selector loads here, from the same dry run as the fit (null until it answers).
  const resolvedAt = (i: number, key: string) => {
    const r = fit.kind === 'done' ? fit.result.models[i] : undefined;
    return r && r.requested === key ? r : null;
  };
  const idValid = ID_PATTERN.test(draft.id);
  const nameValid = draft.name.trim().length > 0;
  const setModel = (i: number, patch: Partial<PresetModel>) =>
    setDraft((d) => ({ ...d, models: d.models.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  const save = async () => {
    if (!idValid || !nameValid) {
      setMessage({ kind: 'err', text: t('presets.invalid') });
      return;
    }
    const failure = await get().savePreset(draft);
    if (failure) setMessage({ kind: 'err', text: wordPresetsCallFailure(failure, t as unknown as Translate) });
    else {
      setMessage({ kind: 'ok', text: t('common.saved') });
      onSaved(draft.id);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('presets.confirmDelete', { name: draft.name }))) return;
    const failure = await get().deletePreset(draft.id);
    if (failure) setMessage({ kind: 'err', text: wordPresetsCallFailure(failure, t as unknown as Translate) });
    else onDeleted();
  };

  return (
    <section className="card" aria-labelledby="editor-title" data-testid="preset-editor">
      <div className="row" style={{ justifyContent: 'space-between', marginBottom: 12 }}>
        <h2 id="editor-title" style={{ margin: 0 }}>
          {draft.name ? presetDisplayName(draft, t) : t('presets.newName')}
        </h2>
        <div className="row">
          {!isNew ? (
            <button className="danger" onClick={() => void remove()}>
              {t('common.delete')}
            </button>
          ) : null}
          <button onClick={() => void save()}>{t('common.save')}</button>
          {!isNew ? (
            <button className="primary" onClick={() => void get().applyPreset(draft.id)} data-testid="apply-preset">
              {t('presets.apply')}
            </button>
          ) : null}
        </div>
      </div>
      <div className="form-grid">
        <label className="field">
          <span>{t('presets.name')}</span>
          <input
            value={draft.name}
            aria-invalid={!nameValid}
            onChange={(e) =>
              setDraft((d) => ({ ...d, name: e.target.value, id: idTouched ? d.id : slugifyPresetId(e.target.value) }))
            }
          />
        </label>
        <label className="field">
          <span>{t('presets.id')}</span>
          <input
            className="mono"
            value={draft.id}
            aria-invalid={!idValid}
            readOnly={!isNew}
            onChange={(e) => {
              setIdTouched(true);
              setDraft((d) => ({ ...d, id: e.target.value }));
            }}
          />
        </label>
      </div>
      <label className="field" style={{ marginTop: 10 }}>
        <span>{t('presets.description')}</span>
        {/* An untouched built-in's description shows in the window's language; what is typed is stored as typed. */}
        <input
          value={localPresetDescription(draft, t as unknown as Translate)}
          onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))}
        />
      </label>
      <label className="check" style={{ margin: '12px 0' }}>
        <input
          type="checkbox"
          checked={draft.exclusive}
          onChange={(e) => setDraft((d) => ({ ...d, exclusive: e.target.checked }))}
        />
        {t('presets.exclusive')}
      </label>

      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h3>{t('presets.models')}</h3>
        {draft.models.length ? (
          <button
            className="ghost"
            aria-pressed={showSelectors}
            data-testid="toggle-selectors"
            onClick={() => setShowSelectors((v) => !v)}
          >
            {showSelectors ? t('presets.hideSelectors') : t('presets.showSelectors')}
          </button>
        ) : null}
      </div>
      <div className="model-rows">
        {draft.models.map((m, i) => (
          <div className="model-row" key={`${m.key}-${i}`}>
            <div>
              <ResolvedModelLabel selector={m.key} resolved={resolvedAt(i, m.key)} showSelector={showSelectors} />
              <label className="field" style={{ marginTop: 6 }}>
                <span>{t('presets.identifier')}</span>
                <input
                  value={m.identifier ?? ''}
                  onChange={(e) => setModel(i, { identifier: e.target.value || undefined })}
                />
              </label>
            </div>
            <label className="field">
              <span>{t('presets.contextLength')}</span>
              <input
                inputMode="numeric"
                value={m.contextLength ?? ''}
                placeholder="auto"
                onChange={(e) => setModel(i, { contextLength: optionalInt(e.target.value) })}
              />
            </label>
            <label className="field">
              <span>{t('presets.gpuOffload')}</span>
              <select
                value={offloadValue(m.gpuOffload)}
                onChange={(e) => setModel(i, { gpuOffload: parseOffload(e.target.value) })}
              >
                <option value="">auto</option>
                <option value="max">{t('presets.gpuOffloadMax')}</option>
                <option value="0.75">75 %</option>
                <option value="0.5">50 %</option>
                <option value="0.25">25 %</option>
                <option value="off">{t('presets.gpuOffloadOff')}</option>
              </select>
            </label>
            <label className="field">
              <span>{t('presets.ttl')}</span>
              <input
                inputMode="numeric"
                value={m.ttlSeconds ?? ''}
                placeholder="—"
                onChange={(e) => setModel(i, { ttlSeconds: optionalInt(e.target.value) })}
              />
            </label>
            <button
              className="ghost danger"
              aria-label={`${t('common.remove')} ${resolvedAt(i, m.key)?.displayName ?? m.key}`}
              onClick={() => setDraft((d) => ({ ...d, models: d.models.filter((_, j) => j !== i) }))}
            >
              {t('common.remove')}
            </button>
          </div>
        ))}
      </div>
      <div style={{ margin: '10px 0' }}>
        {picking ? (
          <ModelPicker
            onClose={() => setPicking(false)}
            onPick={(model) => {
              setDraft((d) => ({ ...d, models: [...d.models, { key: model.key }] }));
              setPicking(false);
            }}
          />
        ) : (
          <button onClick={() => setPicking(true)}>+ {t('presets.addModel')}</button>
        )}
      </div>
      <FitFeedback state={fit} />
      {message ? (
        <div
          className={`banner ${message.kind === 'ok' ? 'banner-ok' : 'banner-err'}`}
          role="status"
          style={{ marginTop: 8 }}
        >
          {message.text}
        </div>
      ) : null}
    </section>
  );
}
