/**
 * The "Claude & agents (MCP)" card: /mcp in this app on or off, the folders `ask` may read files from,
 * the confidence below which `ask` declines, how many questions run at once, and the cloud price the
 * delegation ledger counts as avoided. Saved with its own button, like the routing card.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSettings } from '../store/selectors';
import { useAppStore, useGetState } from '../store/store-context';
import {
  mcpDraftToPatch,
  newFolderKey,
  toMcpDraft,
  type McpDraft,
  type McpDraftError,
  type McpField,
} from './mcp-draft';
import { TextField, ToggleField } from './settings-fields';
import { saveOutcome, SettingsFormShell, type SaveMessage } from './settings-form-shell';

const ERROR_KEY: Record<McpField, string> = {
  folder: 'mcpSettings.invalidFolder',
  minConfidence: 'mcpSettings.invalidConfidence',
  maxConcurrent: 'mcpSettings.invalidConcurrent',
  inputPerMTok: 'mcpSettings.invalidPrice',
  outputPerMTok: 'mcpSettings.invalidPrice',
};

/** The MCP settings form. */
export function McpSettingsForm() {
  const { t } = useTranslation();
  const settings = useAppStore(selectSettings);
  const get = useGetState();
  const [draft, setDraft] = useState<McpDraft | null>(settings ? toMcpDraft(settings) : null);
  const [bad, setBad] = useState<McpDraftError | null>(null);
  const [message, setMessage] = useState<SaveMessage>(null);
  /** The folder row just added: keyboard users land in its field. */
  const [focusKey, setFocusKey] = useState<string | null>(null);
  useEffect(() => {
    if (settings && !draft) setDraft(toMcpDraft(settings));
  }, [settings, draft]);
  if (!settings || !draft) return null;

  const change = (patch: Partial<McpDraft>) => {
    setDraft({ ...draft, ...patch });
    setBad(null);
  };
  const setFolder = (i: number, path: string) =>
    change({ folders: draft.folders.map((f, j) => (j === i ? { ...f, path } : f)) });
  const addFolder = () => {
    const key = newFolderKey();
    change({ folders: [...draft.folders, { key, path: '' }] });
    setFocusKey(key);
  };
  const save = async () => {
    const r = mcpDraftToPatch(draft);
    if ('field' in r) {
      setBad(r);
      setMessage({ kind: 'err', text: t(ERROR_KEY[r.field]) });
      return;
    }
    const error = await get().saveSettings(r.patch);
    setMessage(saveOutcome(t, error));
  };
  const number = (field: Exclude<McpField, 'folder'>, label: string, hint?: string) => (
    <TextField
      label={label}
      inputMode="decimal"
      value={draft[field]}
      invalid={bad?.field === field}
      hint={hint}
      hintId={`mcp-${field}-hint`}
      testId={`mcp-${field}`}
      onChange={(v) => change({ [field]: v })}
    />
  );

  return (
    <SettingsFormShell
      label={t('mcpSettings.title')}
      saveLabel={t('mcpSettings.save')}
      message={message}
      onSave={() => void save()}
    >
      <section className="card" aria-labelledby="mcp-title">
        <h2 id="mcp-title">{t('mcpSettings.title')}</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          {t('mcpSettings.intro')}
        </p>
        <ToggleField
          id="mcp-http"
          checked={draft.http}
          label={t('mcpSettings.http')}
          hint={t('mcpSettings.httpHint')}
          onChange={(v) => change({ http: v })}
        />
        <fieldset className="grid" style={{ border: 0, padding: 0, margin: '12px 0 0' }}>
          <legend>
            <strong>{t('mcpSettings.folders')}</strong>
          </legend>
          <p className="muted small" style={{ margin: 0 }}>
            {t('mcpSettings.foldersHint', { kb: Math.round(settings.mcp.maxFileBytes / 1024) })}
          </p>
          {draft.folders.length === 0 ? (
            <p className="muted small" style={{ margin: 0 }}>
              {t('mcpSettings.foldersEmpty')}
            </p>
          ) : null}
          {draft.folders.map((f, i) => {
            const label = f.path.trim() || t('mcpSettings.folderN', { n: i + 1 });
            return (
              <div key={f.key} className="row" data-testid="mcp-folder-row" role="group" aria-label={label}>
                <input
                  ref={f.key === focusKey ? (el) => el?.focus() : undefined}
                  className="mono"
                  style={{ flex: 1 }}
                  value={f.path}
                  aria-label={t('mcpSettings.folderPath')}
                  aria-invalid={bad?.field === 'folder' && bad.index === i}
                  placeholder="C:\Users\ana\projetos"
                  onChange={(e) => setFolder(i, e.target.value)}
                />
                <button
                  type="button"
                  className="ghost danger"
                  aria-label={t('mcpSettings.removeFolder', { path: label })}
                  onClick={() => change({ folders: draft.folders.filter((_, j) => j !== i) })}
                >
                  {t('common.remove')}
                </button>
              </div>
            );
          })}
          <div className="row">
            <button type="button" onClick={addFolder}>
              {t('mcpSettings.addFolder')}
            </button>
          </div>
        </fieldset>
        <div className="form-grid" style={{ marginTop: 12 }}>
          {number('minConfidence', t('mcpSettings.minConfidence'), t('mcpSettings.minConfidenceHint'))}
          {number('maxConcurrent', t('mcpSettings.maxConcurrent'), t('mcpSettings.maxConcurrentHint'))}
        </div>
        <fieldset
          className="grid"
          style={{ border: 0, padding: 0, margin: '12px 0 0' }}
          aria-describedby="mcp-price-hint"
        >
          <legend>
            <strong>{t('mcpSettings.cloudPrice')}</strong>
          </legend>
          <p id="mcp-price-hint" className="muted small" style={{ margin: 0 }}>
            {t('mcpSettings.cloudPriceHint')}
          </p>
          <div className="form-grid">
            {number('inputPerMTok', t('mcpSettings.inputPrice'))}
            {number('outputPerMTok', t('mcpSettings.outputPrice'))}
          </div>
        </fieldset>
      </section>
    </SettingsFormShell>
  );
}
