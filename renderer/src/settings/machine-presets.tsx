/**
 * Applying a preset on another machine from the presets window (issue 18): the machine picker (this
 * machine by default) and, for another machine, its presets from `presets.list` relayed through
 * `fleet.call`, Apply with the relayed progress (`fleet.event` carrying presets.progress) shown as the
 * local progress is, and a busy refusal answered as locally ("Unload anyway" applies again with force).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresetList, PresetProgress, PresetSwitchResult } from '../../../shared/contract/presets';
import { type FleetCallFailure, wordFleetCallFailure } from '../../../shared/fleet/fleet-call-failure';
import { wordMachineProblem } from '../../../shared/fleet/machine-problem';
import type { Translate } from '../../../shared/i18n/translate';
import { wordFit } from '../../../shared/models/fit-notice';
import { wordSwitchNotice } from '../../../shared/presets/switch-notice';
import { createMachineClient } from '../api/machine-client';
import { BusyModelsPrompt } from '../components/busy-models-prompt';
import { useApi, useAppStore } from '../store/store-context';
import { presetDisplayName } from './preset-display-name';

const RUNNING = new Set(['planning', 'waiting', 'unloading', 'loading']);

/** The picker: '' is this machine; otherwise another machine's name. Agents only (LM Studio has no presets). */
export function MachinePicker({ value, onChange }: { value: string; onChange(machine: string): void }) {
  const { t } = useTranslation();
  const fleet = useAppStore((s) => s.fleet);
  const agents = fleet?.machines.filter((m) => m.kind === 'loadout') ?? [];
  if (agents.length === 0) return null;
  return (
    <label className="row" data-testid="machine-picker">
      <span>{t('machineSettings.pickMachine')}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('machineSettings.thisMachine', { name: fleet?.local.name ?? '' })}</option>
        {agents.map((m) => (
          <option key={m.name} value={m.name}>
            {m.online ? m.name : `${m.name} (${t('machineSettings.offline')})`}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Another machine's presets, each with Apply, and the state of the switch started here. */
export function MachinePresets({ machine }: { machine: string }) {
  const { t, i18n } = useTranslation();
  const local = useApi();
  const client = useMemo(() => createMachineClient(local, machine), [local, machine]);
  const snapshot = useAppStore((s) => s.fleet?.machines.find((m) => m.name === machine) ?? null);
  const [list, setList] = useState<PresetList | null>(null);
  const [error, setError] = useState<FleetCallFailure | null>(null);
  const [progress, setProgress] = useState<PresetProgress | null>(null);
  const [result, setResult] = useState<PresetSwitchResult | null>(null);

  const load = useCallback(async () => {
    const r = await client.call('presets.list', undefined);
    if (r.ok) setList(r.result);
    else setError({ call: 'remote-list', machine, error: r.error });
  }, [client, machine]);
  useEffect(() => {
    setList(null);
    setError(null);
    setProgress(null);
    setResult(null);
    void load();
    return client.on('presets.progress', setProgress);
  }, [client, load]);

  const apply = async (id: string, force = false) => {
    setResult(null);
    setError(null);
    const r = await client.call('presets.apply', force ? { id, force } : { id });
    if (r.ok) setResult(r.result);
    else setError({ call: 'remote-apply', machine, error: r.error });
    void load();
  };
  const nameOf = (id: string) => {
    const p = list?.presets.find((x) => x.id === id);
    return p ? presetDisplayName(p, t) : id;
  };
  const running = progress && RUNNING.has(progress.phase) && !result ? progress : null;

  if (snapshot && !snapshot.online) {
    return (
      <div className="banner banner-err" role="alert">
        {t('machineSettings.remoteOffline', {
          machine,
          reason:
            wordMachineProblem(snapshot, t as unknown as Translate, i18n.language) ?? t('machineSettings.offline'),
        })}
      </div>
    );
  }
  return (
    <section className="card grid" data-testid="machine-presets" aria-label={machine}>
      {running ? (
        <div role="status" aria-live="polite" data-testid="machine-apply-progress">
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <strong>{t('machineSettings.applyingOn', { name: nameOf(running.presetId), machine })}</strong>
            <button onClick={() => void client.call('presets.cancel', undefined)}>{t('common.cancel')}</button>
          </div>
          <div className="muted small" style={{ margin: '6px 0' }}>
            {running.total > 0 ? t('presets.stepOf', { step: running.step, total: running.total }) : null}
            {` · ${t(`presets.switchPhase_${running.phase}` as 'presets.switchPhase_loading')}`}
            {running.key ? ` ${running.key}` : ''}
          </div>
          <ProgressBar progress={running} />
        </div>
      ) : null}
      {result?.result === 'refused' && result.busy?.length ? (
        <BusyModelsPrompt
          busy={result.busy}
          notice={result.notice}
          onUnloadAnyway={() => void apply(result.presetId, true)}
          onCancel={() => setResult(null)}
        />
      ) : result?.result === 'ok' ? (
        <div className="banner banner-ok" role="status" data-testid="machine-apply-result">
          {t('machineSettings.appliedOn', { name: nameOf(result.presetId), machine })}
        </div>
      ) : result ? (
        <div className="banner banner-err" role="alert" data-testid="machine-apply-result">
          <strong>{t('machineSettings.refusedOn', { name: nameOf(result.presetId), machine })}</strong>{' '}
          {result.fitNotice
            ? wordFit(result.fitNotice, t as unknown as Translate, i18n.language, true)
            : result.notice
              ? wordSwitchNotice(result.notice, t as unknown as Translate)
              : result.message}
        </div>
      ) : null}
      {error ? (
        <div className="banner banner-err" role="alert">
          {wordFleetCallFailure(error, t as unknown as Translate)}
        </div>
      ) : null}
      {list && list.presets.length === 0 ? (
        <p className="muted">{t('machineSettings.remoteEmpty', { machine })}</p>
      ) : null}
      <ul className="list" aria-label={machine}>
        {list?.presets.map((p) => (
          <li key={p.id} className="row" style={{ justifyContent: 'space-between' }}>
            <span>
              {presetDisplayName(p, t)}
              {p.id === list.activePresetId ? ' ✓' : ''}
            </span>
            <button
              className="primary"
              disabled={running !== null}
              aria-label={`${t('presets.apply')} ${presetDisplayName(p, t)}`}
              onClick={() => void apply(p.id)}
            >
              {t('presets.apply')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ProgressBar({ progress }: { progress: PresetProgress }) {
  const pct = progress.total > 0 ? Math.round((Math.max(progress.step - 1, 0) / progress.total) * 100) : 0;
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div style={{ width: `${pct}%` }} />
    </div>
  );
}
