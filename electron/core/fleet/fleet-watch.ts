/**
 * The fleet watch (issue 18): one contract socket per Loadout agent, kept open and polled every few
 * seconds (hardware, models, presets; energy about once a minute), and LM Studio's REST for LM Studio-only
 * machines. A machine that stops answering is offline after one heartbeat timeout (a silent socket too,
 * not only a TCP error) and is tried again with a short backoff, so it comes back by itself; each machine
 * runs on its own timer, so one that fails never delays or changes the others. The machines list is read
 * again at every cycle, so adding or removing one needs no restart.
 */
import { createEmitter } from '../../../shared/events/typed-emitter';
import type { ApiResponse, ContractClient, MachineSnapshot } from '../../../shared/contract';
import { EnergySummarySchema } from '../../../shared/contract';
import type { Machine } from '../../../shared/settings/schema';
import { AgentError, connectToAgent, type AgentConnection, type AgentTarget } from './agent-connection';
import { realTimers, SilentMachineError, withDeadline, type FleetTimers } from './fleet-timers';
import {
  agentView,
  blankSnapshot,
  lmStudioView,
  problemView,
  shownDifferently,
  type MachineView,
} from './machine-snapshot';
import { lmStudioOnlyLoaded } from './machine-status';

export interface FleetWatchOptions {
  /** The machines to watch, read at every cycle (the settings' `machines`). */
  machines(): Machine[];
  /** A machine's token (its environment variable, then the stored one), or null. */
  tokenFor(machine: Machine): string | null;
  timers?: FleetTimers;
  /** The clock compared with an agent's `time` (default Date.now). */
  wallNow?: () => number;
  /** Between two looks at a machine that answers (default 3 s). */
  pollMs?: number;
  /** How long a look may take before the machine counts as gone (default 5 s). */
  heartbeatMs?: number;
  /** The longest wait before trying a gone machine again (default 4 s), so it is seen back within ~10 s. */
  maxBackoffMs?: number;
  /** Between two energy.summary reads of an agent (default 60 s). */
  energyEveryMs?: number;
  /** How an agent is reached (tests); default connectToAgent. */
  connect?: (target: AgentTarget, token: string | null, options: { timeoutMs: number }) => Promise<AgentConnection>;
  /** The loaded models of an LM Studio-only machine; throws when it does not answer. Default: its REST API. */
  lmStudioLoaded?: (machine: Machine, token: string | null, timeoutMs: number) => Promise<string[]>;
}

export interface FleetWatch {
  /** Start watching (idempotent); nothing runs while `machines` is empty. */
  start(): void;
  /** Stop every timer and close every socket. */
  stop(): Promise<void>;
  /** Look at the machines list again now (after an add or remove). */
  refresh(): void;
  /** What was last seen of each machine, in the settings' order. */
  snapshot(): MachineSnapshot[];
  /** Told when something a window shows changed; returns the unsubscribe function. */
  onChange(listener: (machines: MachineSnapshot[]) => void): () => void;
  /** The open contract socket to a Loadout agent; rejects with an AgentError naming the machine. */
  client(name: string): Promise<ContractClient>;
  tokenFor(machine: Machine): string | null;
}

interface Entry {
  machine: Machine;
  /** What identifies how it is reached: a change of URL, pin or token reconnects. */
  key: string;
  snapshot: MachineSnapshot;
  conn: AgentConnection | null;
  timer: unknown;
  failures: number;
  energy: { at: number; today: MachineSnapshot['energyToday'] } | null;
  running: boolean;
  removed: boolean;
}

const keyOf = (m: Machine, token: string | null) => JSON.stringify([m.url, m.kind, m.fingerprint ?? null, token]);

/** Build the watch; it does nothing until `start()`. */
export function createFleetWatch(options: FleetWatchOptions): FleetWatch {
  const timers = options.timers ?? realTimers;
  const wallNow = options.wallNow ?? Date.now;
  const pollMs = options.pollMs ?? 3000;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const maxBackoffMs = options.maxBackoffMs ?? 4000;
  const energyEveryMs = options.energyEveryMs ?? 60_000;
  const connect = options.connect ?? ((t, token, o) => connectToAgent(t, token, o));
  const lmStudioLoaded = options.lmStudioLoaded ?? lmStudioOnlyLoaded;
  const events = createEmitter<{ change: MachineSnapshot[] }>();
  const entries = new Map<string, Entry>();
  let started = false;
  let order: string[] = [];

  const snapshot = () => order.flatMap((name) => (entries.has(name) ? [entries.get(name)!.snapshot] : []));
  const changed = () => events.emit('change', snapshot());

  function settle(entry: Entry, online: boolean, view: MachineView): void {
    const now = timers.now();
    const before = entry.snapshot;
    const next: MachineSnapshot = {
      ...before,
      ...view,
      online,
      since: before.since === null || before.online !== online ? now : before.since,
      lastSeen: online ? now : before.lastSeen,
    };
    entry.snapshot = next;
    if (shownDifferently(before, next)) changed();
  }

  function drop(entry: Entry): void {
    const conn = entry.conn;
    entry.conn = null;
    // Not awaited: a silent peer would hold close() for its whole closing handshake.
    if (conn) void conn.close().catch(() => undefined);
  }

  function schedule(entry: Entry, ms: number): void {
    if (!started || entry.removed) return;
    timers.clearTimeout(entry.timer);
    entry.timer = timers.setTimeout(() => void cycle(entry), ms);
  }

  async function openConn(entry: Entry, token: string | null): Promise<AgentConnection> {
    const { machine } = entry;
    const conn = await withDeadline(
      timers,
      connect(machine, token, { timeoutMs: heartbeatMs }),
      heartbeatMs,
      `"${machine.name}" did not answer within ${Math.round(heartbeatMs / 1000)} s at ${machine.url}: it may be asleep, overloaded or gone.`,
      (late) => void late.close().catch(() => undefined),
    );
    entry.conn = conn;
    // The agent went away: look again soon rather than at the next poll (not at once: one that keeps closing must not spin).
    void conn.closed.then(() => {
      if (entry.conn !== conn) return;
      entry.conn = null;
      schedule(entry, Math.min(1000 * 2 ** entry.failures, maxBackoffMs));
    });
    return conn;
  }

  async function lookAtAgent(entry: Entry, token: string | null): Promise<MachineView> {
    const conn = entry.conn ?? (await openConn(entry, token));
    const { client } = conn;
    const sentAt = wallNow();
    const wantEnergy = !entry.energy || timers.now() - entry.energy.at >= energyEveryMs;
    const [info, hardware, models, presets, energy] = await withDeadline(
      timers,
      Promise.all([
        client.call('app.info', undefined),
        client.call('hardware.latest', undefined),
        client.call('models.list', undefined),
        client.call('presets.list', undefined),
        wantEnergy ? client.call('energy.summary', undefined) : Promise.resolve(null),
      ]),
      heartbeatMs,
      `"${entry.machine.name}" stopped answering (no answer within ${Math.round(heartbeatMs / 1000)} s): it may be asleep, overloaded or gone.`,
    );
    // The socket ended during the look: every call answered `unavailable`.
    if (!info.ok && info.error.code === 'unavailable') throw new AgentError('offline', info.error.message);
    if (energy) {
      const summary = energy.ok ? EnergySummarySchema.safeParse(energy.result) : null;
      entry.energy = { at: timers.now(), today: summary?.success ? summary.data.today : null };
    }
    const time = info.ok ? info.result.time : undefined;
    const clockSkewMs = typeof time === 'number' ? Math.round(time - (sentAt + wallNow()) / 2) : null;
    return agentView(entry.machine.name, {
      version: info.ok ? info.result.version : conn.info.version,
      clockSkewMs,
      hardware: hardware as ApiResponse<never>,
      models,
      presets,
      energyToday: entry.energy?.today ?? null,
      // An older agent does not say: 0 is the contract's "unknown".
      queue: info.ok ? (info.result.queue ?? 0) : 0,
    });
  }

  async function cycle(entry: Entry): Promise<void> {
    if (entry.running || entry.removed || !started) return;
    entry.running = true;
    const { machine } = entry;
    const token = options.tokenFor(machine);
    try {
      const view =
        machine.kind === 'loadout'
          ? await lookAtAgent(entry, token)
          : lmStudioView(
              await withDeadline(
                timers,
                lmStudioLoaded(machine, token, heartbeatMs),
                heartbeatMs,
                `"${machine.name}" (LM Studio only) did not answer within ${Math.round(heartbeatMs / 1000)} s at ${machine.url}.`,
              ),
            );
      if (entry.removed) return;
      entry.failures = 0;
      settle(entry, true, view);
      schedule(entry, pollMs);
    } catch (error) {
      if (entry.removed) return;
      drop(entry);
      entry.failures += 1;
      const problem =
        error instanceof AgentError
          ? { kind: error.kind, message: error.message }
          : {
              kind: 'offline' as const,
              message:
                error instanceof SilentMachineError
                  ? error.message
                  : `"${machine.name}": ${error instanceof Error ? error.message : String(error)}`,
            };
      settle(entry, false, problemView(machine.kind, problem));
      // 1 s, 2 s, then the cap: a machine that comes back is seen within the cap plus one look.
      schedule(entry, Math.min(1000 * 2 ** (entry.failures - 1), maxBackoffMs));
    } finally {
      entry.running = false;
    }
  }

  /** Match the entries to the machines list: new ones start, removed ones close, changed ones reconnect. */
  function reconcile(): void {
    const machines = options.machines();
    const names = new Set(machines.map((m) => m.name));
    let listChanged = machines.map((m) => m.name).join('\n') !== order.join('\n');
    for (const [name, entry] of entries) {
      if (names.has(name)) continue;
      entry.removed = true;
      timers.clearTimeout(entry.timer);
      drop(entry);
      entries.delete(name);
    }
    for (const machine of machines) {
      const key = keyOf(machine, options.tokenFor(machine));
      const entry = entries.get(machine.name);
      if (entry && entry.key === key) {
        entry.machine = machine;
        continue;
      }
      if (entry) {
        entry.removed = true;
        timers.clearTimeout(entry.timer);
        drop(entry);
      }
      const fresh: Entry = {
        machine,
        key,
        snapshot: blankSnapshot(machine),
        conn: null,
        timer: undefined,
        failures: 0,
        energy: null,
        running: false,
        removed: false,
      };
      entries.set(machine.name, fresh);
      listChanged = true;
      if (started) schedule(fresh, 0);
    }
    order = machines.map((m) => m.name);
    if (listChanged) changed();
  }

  let reconcileTimer: unknown;
  function reconcileLoop(): void {
    if (!started) return;
    reconcile();
    reconcileTimer = timers.setTimeout(reconcileLoop, pollMs);
  }

  return {
    start() {
      if (started) return;
      started = true;
      reconcileLoop();
      for (const entry of entries.values()) schedule(entry, 0);
    },
    async stop() {
      started = false;
      timers.clearTimeout(reconcileTimer);
      const closing: Array<Promise<void>> = [];
      for (const entry of entries.values()) {
        timers.clearTimeout(entry.timer);
        if (entry.conn) closing.push(entry.conn.close().catch(() => undefined));
        entry.conn = null;
      }
      await Promise.all(closing);
    },
    refresh() {
      if (started) reconcile();
    },
    snapshot() {
      if (!started) reconcile();
      return snapshot();
    },
    onChange: (listener) => events.on('change', listener),
    async client(name) {
      if (!started) reconcile();
      const entry = entries.get(name);
      if (!entry) {
        const names = [...entries.keys()];
        throw new AgentError(
          'offline',
          `No machine named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ''}: add it first.`,
        );
      }
      if (entry.machine.kind !== 'loadout')
        throw new AgentError('version', `"${name}" is LM Studio only: it has no Loadout agent to talk to.`);
      if (entry.conn) return entry.conn.client;
      // Not connected (yet, or any more): one try now, with the watch's own faults.
      return (await openConn(entry, options.tokenFor(entry.machine))).client;
    },
    tokenFor: (machine) => options.tokenFor(machine),
  };
}
