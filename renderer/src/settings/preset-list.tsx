/**
 * The preset list: a keyboard listbox (↑/↓ select, Alt+↑/↓ reorder, Enter apply, Delete remove)
 * with arrow buttons for the mouse, and the new / duplicate / import / export actions.
 */
import { presetDisplayName } from './preset-display-name';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '../../../shared/i18n/translate';
import { wordPresetImportSkip } from '../../../shared/presets/import-skip';
import { wordPresetsCallFailure } from '../../../shared/presets/presets-call-failure';
import { decodeTextFile } from '../../../shared/text/decode-text-file';
import { PresetsCallError } from './presets-call-error';
import { selectActivePresetId, selectApplyingPresetId, selectPresets } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';

export interface PresetListProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
  onNew: () => void;
}

/** The list of presets with its actions. */
export function PresetList({ selectedId, onSelect, onNew }: PresetListProps) {
  const { t } = useTranslation();
  const presets = useAppStore(selectPresets);
  const activeId = useAppStore(selectActivePresetId);
  const applyingId = useAppStore(selectApplyingPresetId);
  const get = useGetState();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'err'; text: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const index = presets.findIndex((p) => p.id === selectedId);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!presets.length) return;
    const current = index < 0 ? 0 : index;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      if (e.altKey && selectedId) void get().movePreset(selectedId, delta);
      else onSelect(presets[Math.min(Math.max(current + delta, 0), presets.length - 1)]!.id);
    } else if (e.key === 'Home') {
      e.preventDefault();
      onSelect(presets[0]!.id);
    } else if (e.key === 'End') {
      e.preventDefault();
      onSelect(presets[presets.length - 1]!.id);
    } else if (e.key === 'Enter' && selectedId) {
      e.preventDefault();
      void get().applyPreset(selectedId);
    }
  };

  const duplicate = async () => {
    const p = presets.find((x) => x.id === selectedId);
    if (!p) return;
    const copy = await get().duplicatePreset(p.id, t('presets.copyName', { name: p.name }));
    if (copy) onSelect(copy.id);
  };
  const doExport = async () => {
    const json = await get().exportPresets();
    if (!json) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'loadout-presets.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const doImport = async (f: File | undefined) => {
    if (!f) return;
    // Bytes, not f.text(): a file saved by Windows PowerShell 5.1 (`> file`) is UTF-16 and must import too.
    const decoded = decodeTextFile(new Uint8Array(await f.arrayBuffer()));
    if (!decoded.ok) {
      setNotice({
        kind: 'err',
        text: t('presets.importFailed', {
          reason: t(decoded.problem === 'cut-short' ? 'presets.fileCutShort' : 'presets.fileNotText'),
        }),
      });
      if (file.current) file.current.value = '';
      return;
    }
    const result = await get().importPresets(decoded.text);
    const tr = t as unknown as Translate;
    if ('call' in result) setNotice({ kind: 'err', text: wordPresetsCallFailure(result, tr) });
    else
      setNotice({
        kind: result.skipped.length ? 'err' : 'ok',
        text: [
          t('presets.imported', { count: result.imported }),
          ...result.skipped.map((s) => wordPresetImportSkip(s, tr)),
        ].join(' · '),
      });
    if (file.current) file.current.value = '';
  };

  return (
    <section className="card" aria-labelledby="preset-list-title" style={{ padding: 10 }}>
      <div className="row" style={{ justifyContent: 'space-between', padding: '2px 4px 8px' }}>
        <h2 id="preset-list-title" style={{ margin: 0 }}>
          {t('presets.title')}
        </h2>
        <button className="primary" onClick={onNew}>
          {t('common.new')}
        </button>
      </div>
      <PresetsCallError calls={['list', 'duplicate', 'reorder', 'export']} />
      {presets.length === 0 ? (
        <p className="muted small" style={{ padding: 6 }}>
          {t('presets.empty')}
        </p>
      ) : (
        <ul
          className="preset-list"
          role="listbox"
          aria-label={t('presets.title')}
          aria-activedescendant={selectedId ? `preset-${selectedId}` : undefined}
          tabIndex={0}
          ref={listRef}
          onKeyDown={onKeyDown}
        >
          {presets.map((p, i) => (
            <li
              key={p.id}
              id={`preset-${p.id}`}
              role="option"
              aria-selected={p.id === selectedId}
              className="preset-item"
              onClick={() => {
                onSelect(p.id);
                listRef.current?.focus();
              }}
              data-testid={`preset-item-${p.id}`}
            >
              <span className="name">{presetDisplayName(p, t)}</span>
              {p.id === applyingId ? (
                <span className="pill accent">…</span>
              ) : p.id === activeId ? (
                <span className="pill ok">{t('presets.active')}</span>
              ) : p.builtIn ? (
                <span className="pill">{t('presets.builtIn')}</span>
              ) : null}
              {p.id === selectedId ? (
                <span className="row" style={{ gap: 0 }}>
                  <button
                    className="ghost icon"
                    tabIndex={-1}
                    disabled={i === 0}
                    aria-label={t('common.moveUp')}
                    onClick={(e) => {
                      e.stopPropagation();
                      void get().movePreset(p.id, -1);
                    }}
                  >
                    ↑
                  </button>
                  <button
                    className="ghost icon"
                    tabIndex={-1}
                    disabled={i === presets.length - 1}
                    aria-label={t('common.moveDown')}
                    onClick={(e) => {
                      e.stopPropagation();
                      void get().movePreset(p.id, 1);
                    }}
                  >
                    ↓
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small" style={{ padding: '6px 6px 0' }}>
        {t('presets.reorderHint')}
      </p>
      <div className="row" style={{ padding: '8px 4px 2px' }}>
        <button onClick={() => void duplicate()} disabled={!selectedId}>
          {t('common.duplicate')}
        </button>
        <button onClick={() => file.current?.click()}>{t('common.import')}</button>
        <button onClick={() => void doExport()} disabled={!presets.length}>
          {t('common.export')}
        </button>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t('common.import')}
          onChange={(e) => void doImport(e.target.files?.[0])}
        />
      </div>
      {notice ? (
        <div
          className={`banner ${notice.kind === 'ok' ? 'banner-ok' : 'banner-err'}`}
          role="status"
          style={{ marginTop: 8 }}
        >
          {notice.text}
        </div>
      ) : null}
    </section>
  );
}
