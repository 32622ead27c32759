/** Run a benchmark: the model, its load config and the number of runs; progress and Cancel while it runs. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchProgress, BenchRunRequest } from '../../../../shared/contract/bench';
import type { GpuOffload } from '../../../../shared/presets/schema';
import { formatNumber } from '../../format/format-number';
import { useAppStore } from '../../store/store-context';

const OFFLOADS: Array<{
  value: string;
  offload: GpuOffload | undefined;
  label: 'bench.gpuAuto' | 'bench.gpuMax' | 'bench.gpuOff' | 'bench.gpuHalf';
}> = [
  { value: 'auto', offload: undefined, label: 'bench.gpuAuto' },
  { value: 'max', offload: 'max', label: 'bench.gpuMax' },
  { value: 'half', offload: 0.5, label: 'bench.gpuHalf' },
  { value: 'off', offload: 'off', label: 'bench.gpuOff' },
];

const PHASE_KEY: Record<BenchProgress['phase'], string> = {
  checking: 'bench.phase_checking',
  loading: 'bench.phase_loading',
  'warming-up': 'bench.phase_warmingUp',
  running: 'bench.phase_running',
  unloading: 'bench.phase_unloading',
  saving: 'bench.phase_saving',
  done: 'bench.phase_done',
  failed: 'bench.phase_failed',
  cancelled: 'bench.phase_cancelled',
};

/** The run form and the progress of the running benchmark. */
export function BenchmarkForm({
  running,
  progress,
  onRun,
  onCancel,
  initialModel,
}: {
  running: boolean;
  progress: BenchProgress | null;
  onRun: (request: BenchRunRequest) => void;
  onCancel: () => void;
  initialModel?: string;
}) {
  const { t, i18n } = useTranslation();
  const models = useAppStore((s) => s.models?.catalog ?? null);
  const [modelKey, setModelKey] = useState(initialModel ?? '');
  const [context, setContext] = useState('');
  const [offload, setOffload] = useState('auto');
  const [runs, setRuns] = useState(3);
  const [keepLoaded, setKeepLoaded] = useState(false);
  const textModels = (models ?? []).filter((m) => m.type !== 'embedding');
  const contextNumber = context.trim() === '' ? undefined : Number(context);
  const contextInvalid = contextNumber !== undefined && (!Number.isInteger(contextNumber) || contextNumber < 256);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!modelKey || contextInvalid) return;
    const gpuOffload = OFFLOADS.find((o) => o.value === offload)?.offload;
    onRun({
      modelKey,
      runs,
      keepLoaded,
      ...(contextNumber !== undefined ? { contextLength: contextNumber } : {}),
      ...(gpuOffload !== undefined ? { gpuOffload } : {}),
    });
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.step / progress.total) * 100) : 0;
  return (
    <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={submit} data-testid="bench-form">
      <label className="field">
        <span>{t('bench.model')}</span>
        <select
          value={modelKey}
          onChange={(e) => setModelKey(e.target.value)}
          disabled={running}
          data-testid="bench-model"
        >
          <option value="">{t('bench.chooseModel')}</option>
          {textModels.map((m) => (
            <option key={m.key} value={m.key}>
              {m.displayName}
              {m.quantization ? ` · ${m.quantization}` : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('bench.context')}</span>
        <input
          type="number"
          min={256}
          step={1024}
          placeholder="4096"
          value={context}
          onChange={(e) => setContext(e.target.value)}
          disabled={running}
          aria-invalid={contextInvalid}
          style={{ width: 110 }}
        />
      </label>
      <label className="field">
        <span>{t('bench.gpu')}</span>
        <select value={offload} onChange={(e) => setOffload(e.target.value)} disabled={running}>
          {OFFLOADS.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('bench.runs')}</span>
        <input
          type="number"
          min={1}
          max={20}
          value={runs}
          onChange={(e) => setRuns(Math.min(20, Math.max(1, Math.round(Number(e.target.value) || 1))))}
          disabled={running}
          style={{ width: 70 }}
        />
      </label>
      <label className="check small">
        <input
          type="checkbox"
          checked={keepLoaded}
          onChange={(e) => setKeepLoaded(e.target.checked)}
          disabled={running}
        />
        {t('bench.keepLoaded')}
      </label>
      {running ? (
        <button type="button" className="danger" onClick={onCancel} data-testid="bench-cancel">
          {t('bench.cancel')}
        </button>
      ) : (
        <button type="submit" className="primary" disabled={!modelKey || contextInvalid} data-testid="bench-run">
          {t('bench.run')}
        </button>
      )}
      {running && progress ? (
        <div style={{ flexBasis: '100%' }} role="status" aria-live="polite" data-testid="bench-progress">
          <div className="small">
            {t('bench.running', {
              model: progress.modelKey,
              phase: t(PHASE_KEY[progress.phase] as 'bench.phase_running'),
            })}
            {progress.total > 0 ? ` · ${t('bench.progress', { step: progress.step, total: progress.total })}` : ''}
            {progress.lastTokensPerSecond !== null
              ? ` · ${t('bench.lastSpeed', { value: formatNumber(progress.lastTokensPerSecond, i18n.language, 1) })}`
              : ''}
          </div>
          <div className="progress" aria-hidden="true">
            <div style={{ width: `${percent}%` }} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
