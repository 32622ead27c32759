/** "All machines": this machine's card first, then one card per machine of the desk, live from fleet.changed. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/store-context';
import { localMachineSnapshot } from './local-machine-snapshot';
import { MachineCard } from './machine-card';
import type { MonitorTarget } from './monitor-target';

/** The overview; a click on a card (or Enter on its name) opens that machine's full monitor. */
export function FleetOverview({ onOpen, now }: { onOpen: (target: MonitorTarget) => void; now: () => number }) {
  const { t } = useTranslation();
  const fleet = useAppStore((s) => s.fleet);
  // The parts of the store this machine's card reads (useShallow: re-render only when one of them changes).
  const parts = useAppStore(
    useShallow((s) => ({
      latestSample: s.latestSample,
      models: s.models,
      presetList: s.presetList,
      energySummary: s.energySummary,
    })),
  );
  if (!fleet) return null;
  const local = localMachineSnapshot(parts, fleet.local.name);
  const at = now();
  return (
    <section aria-labelledby="fleet-overview-title" data-testid="fleet-overview">
      <h2 id="fleet-overview-title">{t('fleetMonitor.allMachines')}</h2>
      <div className="grid grid-3">
        <MachineCard machine={local} isLocal now={at} onOpen={() => onOpen({ kind: 'local' })} />
        {fleet.machines.map((m) => (
          <MachineCard
            key={m.name}
            machine={m}
            now={at}
            // Only a Loadout agent that answers can feed a full monitor through fleet.call.
            onOpen={m.online && m.kind === 'loadout' ? () => onOpen({ kind: 'machine', name: m.name }) : undefined}
          />
        ))}
      </div>
    </section>
  );
}
