/**
 * One machine of the desk as a card: online or offline (since when, and why), GPU utilization, VRAM
 * used and free, power, loaded models and the active preset. A card that can open its machine's full
 * monitor is one click anywhere, and its name is a button (Tab, then Enter) for the keyboard.
 */
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MachineSnapshot } from '../../../shared/contract/fleet';
import { formatBytesGiB, formatNumber } from '../format/format-number';
import { describeMachineProblem, describeUnseen } from './machine-problem';
import './fleet-monitor.css';

/** "14:05" today, or the date and time before today, in the window's language. */
export function formatSince(epochMs: number, language: string, now: number): string {
  const sameDay = new Date(epochMs).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    language,
    sameDay ? { hour: '2-digit', minute: '2-digit' } : { dateStyle: 'short', timeStyle: 'short' },
  ).format(epochMs);
}

function StatePill({ machine, now }: { machine: MachineSnapshot; now: number }) {
  const { t, i18n } = useTranslation();
  const text =
    machine.since == null
      ? machine.online
        ? t('fleetMonitor.online')
        : t('fleetMonitor.notSeenYet')
      : t(machine.online ? 'fleetMonitor.onlineSince' : 'fleetMonitor.offlineSince', {
          time: formatSince(machine.since, i18n.language, now),
        });
  return (
    <span className={machine.online ? 'pill ok' : 'pill off'} data-testid="machine-state">
      {machine.online ? <span className="dot" /> : null} {text}
    </span>
  );
}

/** The card of one machine; `onOpen` (when given) opens its full monitor. */
export function MachineCard({
  machine,
  isLocal = false,
  onOpen,
  now,
}: {
  machine: MachineSnapshot;
  isLocal?: boolean;
  onOpen?: () => void;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const problem = describeMachineProblem(machine, t, lang);
  const unseen = describeUnseen(machine, t);
  const gpuUnseen = machine.unseen.includes('GPU');
  const busy = new Set(machine.busyModels);
  const headingId = `machine-${machine.name.replace(/[^\w-]/g, '_')}`;
  // The name button already handles its own click (and Enter); the card's click is for the rest of its area.
  const openFromCard = (e: MouseEvent) => {
    if (!onOpen || (e.target as HTMLElement).closest('button')) return;
    onOpen();
  };
  return (
    <article
      className={`card machine-card${onOpen ? ' openable' : ''}`}
      aria-labelledby={headingId}
      data-testid={`machine-card-${machine.name}`}
      onClick={openFromCard}
    >
      <header>
        <h3 id={headingId}>
          {onOpen ? (
            <button
              type="button"
              className="machine-open"
              aria-label={t('fleetMonitor.open', { name: machine.name })}
              onClick={onOpen}
            >
              {machine.name}
            </button>
          ) : (
            machine.name
          )}
        </h3>
        {isLocal ? <span className="pill accent">{t('fleetMonitor.thisMachineBadge')}</span> : null}
        {machine.kind === 'lmstudio-only' ? <span className="pill">{t('fleetMonitor.lmstudioOnly')}</span> : null}
        {isLocal ? null : <StatePill machine={machine} now={now} />}
      </header>
      {problem ? (
        <div
          className={`banner ${machine.online ? 'banner-warn' : 'banner-err'}`}
          role={machine.online ? 'note' : 'status'}
          title={machine.problem?.message}
          data-testid="machine-problem"
        >
          {problem}
        </div>
      ) : null}
      {unseen ? (
        <p className="muted small" data-testid="machine-unseen">
          {unseen}
        </p>
      ) : null}
      {machine.online ? (
        <dl>
          {machine.gpus.map((g, i) => (
            <GpuLines key={i} gpu={g} lang={lang} />
          ))}
          {machine.gpus.length === 0 && !gpuUnseen ? (
            <>
              <dt>{t('monitor.gpu')}</dt>
              <dd>{t('fleetMonitor.noGpu')}</dd>
            </>
          ) : null}
          {machine.unseen.includes('power') ? null : (
            <>
              <dt>{t('fleetMonitor.power')}</dt>
              <dd data-testid="machine-power">{`${formatNumber(machine.powerW, lang, 0)} W`}</dd>
            </>
          )}
          <dt>{t('fleetMonitor.loadedModels')}</dt>
          <dd data-testid="machine-models">
            {machine.loadedModels.length === 0
              ? t('fleetMonitor.noModels')
              : machine.loadedModels.map((m) => (busy.has(m) ? `${m} (${t('fleetMonitor.answering')})` : m)).join(', ')}
            {machine.queue > 0 ? ` · ${t('fleetMonitor.queue', { count: machine.queue })}` : null}
          </dd>
          {machine.unseen.includes('active preset') ? null : (
            <>
              <dt>{t('fleetMonitor.activePreset')}</dt>
              <dd data-testid="machine-preset">{machine.activePreset ?? t('fleetMonitor.noPreset')}</dd>
            </>
          )}
        </dl>
      ) : null}
    </article>
  );
}

function GpuLines({ gpu, lang }: { gpu: MachineSnapshot['gpus'][number]; lang: string }) {
  const { t } = useTranslation();
  const free =
    gpu.vramTotalBytes != null && gpu.vramUsedBytes != null
      ? Math.max(0, gpu.vramTotalBytes - gpu.vramUsedBytes)
      : null;
  return (
    <>
      <dt>{t('fleetMonitor.gpuUtil')}</dt>
      <dd data-testid="machine-gpu-util" title={gpu.name ?? undefined}>
        {`${formatNumber(gpu.utilizationPercent, lang, 0)} %`}
        {gpu.name ? <span className="muted"> · {gpu.name}</span> : null}
      </dd>
      <dt>{t('monitor.vram')}</dt>
      <dd data-testid="machine-vram">
        {t('fleetMonitor.vramUsedFree', {
          used: formatBytesGiB(gpu.vramUsedBytes, lang),
          free: formatBytesGiB(free, lang),
        })}
      </dd>
    </>
  );
}
