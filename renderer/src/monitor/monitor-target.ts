/** What the monitor shows: this machine, the overview of every machine, or one other machine by name. */
export type MonitorTarget = { kind: 'local' } | { kind: 'all' } | { kind: 'machine'; name: string };

/** The target as a <select> value (machine names are free text, so they get a prefix). */
export function targetToValue(target: MonitorTarget): string {
  return target.kind === 'machine' ? `machine:${target.name}` : target.kind;
}

/** The target a <select> value stands for. */
export function valueToTarget(value: string): MonitorTarget {
  if (value.startsWith('machine:')) return { kind: 'machine', name: value.slice('machine:'.length) };
  return value === 'all' ? { kind: 'all' } : { kind: 'local' };
}
