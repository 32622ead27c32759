/**
 * The fleet bench's routing decision (issue 18, item 10): the router's own steps per question, timed on
 * in-memory fleets built with the real types. 20 machines (this one and 19 agents) × 20 models each,
 * beside this machine alone with the same 20 models, in the same run. Each decision first lays a fresh
 * fleet snapshot (busy models, queue, GPU change between decisions) over the cached state with
 * `withLiveFleet`, as `createRoutingFeature`'s snapshot does, then decides with `routeRequest`, the function
 * `routedChat.route` times as its `decisionUs`.
 */
import type { MachineSnapshot } from '../shared/contract/fleet';
import type { CatalogModel } from '../shared/lmstudio/types';
import { routeRequest } from '../shared/routing/route-request';
import type { RouteRequest, RoutingEndpoint, RoutingState } from '../shared/routing/types';
import { agentEndpointId, withLiveFleet, type FleetView } from '../electron/core/routing/fleet-endpoints';
import { machineLine } from './_machine';
import { PROMPTS, syntheticCatalog } from './routing';

const MODELS = 20;
const MACHINES = 20;

/** The same 20 downloaded models with model `j` loaded (8k context), as each machine holds its own. */
function catalogFor(base: CatalogModel[], j: number): CatalogModel[] {
  return base.map((m, i) => ({
    ...m,
    loadedInstances:
      i === j % base.length || i === (j + 7) % base.length
        ? [
            {
              instanceId: m.key,
              modelKey: m.key,
              contextLength: 8192,
              gpuOffload: null,
              ttlSeconds: null,
              flashAttention: null,
              offloadKvCacheToGpu: null,
              status: null,
            },
          ]
        : [],
  }));
}

function machineSnapshot(name: string, loaded: string[], round: number, index: number): MachineSnapshot {
  const busy = (round + index) % 3 === 0 ? loaded.slice(0, 1) : [];
  return {
    name,
    url: `http://127.0.0.${index + 2}:7777`,
    kind: 'loadout',
    // One machine in seven is offline in each round, a different one each time.
    online: (round + index) % 7 !== 0,
    since: 1,
    lastSeen: 1,
    problem: null,
    version: '1.0.0',
    gpus: [
      {
        name: 'NVIDIA GeForce RTX 4090',
        utilizationPercent: (round * 13 + index * 29) % 100,
        vramUsedBytes: 9e9,
        vramTotalBytes: 24e9,
        powerW: 120,
      },
    ],
    powerW: 120,
    loadedModels: loaded,
    busyModels: busy,
    queue: (round + index) % 4,
    activePreset: null,
    presets: [],
    energyToday: null,
    clockSkewMs: 0,
    unseen: [],
  };
}

function evidence(models: CatalogModel[]): RoutingState['evidence'] {
  return Object.fromEntries(
    models.map((m, i) => [
      m.key,
      { tokensPerSecond: 20 + i * 3, ttftMs: 80 + i, ratings: { code: { up: i % 4, down: i % 3 } } },
    ]),
  );
}

interface Setup {
  state: RoutingState;
  /** The fleet snapshots, one set per round, laid over the state at each decision (none alone). */
  rounds: MachineSnapshot[][];
}

function setup(machines: number): Setup {
  const base = syntheticCatalog(MODELS);
  const endpoints: RoutingEndpoint[] = [
    { id: 'local', label: 'this PC', kind: 'local', reachable: true, models: catalogFor(base, 0) },
  ];
  const loadedOf: string[][] = [];
  for (let j = 1; j < machines; j++) {
    const models = catalogFor(base, j);
    const name = `ws-${j}`;
    loadedOf.push(models.filter((m) => m.loadedInstances.length).map((m) => m.key));
    endpoints.push({
      id: agentEndpointId(name),
      label: name,
      kind: 'remote',
      machine: name,
      reachable: true,
      models,
      load: { busyModels: [], queue: 0, gpuUtilizationPercent: null },
    });
  }
  const rounds = Array.from({ length: 64 }, (_, r) =>
    loadedOf.map((loaded, i) => machineSnapshot(`ws-${i + 1}`, loaded, r, i)),
  );
  return { state: { endpoints, vramFreeBytes: 14e9, evidence: evidence(base) }, rounds };
}

const REQUESTS: RouteRequest[] = [
  ...PROMPTS.map((text) => ({ messages: [{ role: 'user' as const, text }] })),
  { messages: [{ role: 'user', text: 'what is in this picture?', images: 1 }] },
];

export interface DecisionTimes {
  /** routeRequest alone, µs, sorted. */
  decide: number[];
  /** withLiveFleet + routeRequest, µs, sorted. */
  withLive: number[];
  /** withLiveFleet + routeRequest, this process's CPU µs (wall minus time the 2 shared cores gave to others), sorted. */
  cpu: number[];
  /** Decisions that went to another machine (a check that the fleet is really weighed). */
  remoteChoices: number;
}

export function timeDecisions(machines: number, n: number): DecisionTimes {
  const { state, rounds } = setup(machines);
  const decide: number[] = [];
  const withLive: number[] = [];
  const cpu: number[] = [];
  let remoteChoices = 0;
  let current: MachineSnapshot[] = rounds[0]!;
  const fleet: FleetView = {
    snapshot: () => current,
    client: () => Promise.reject(new Error('not used by a decision')),
  };
  for (let i = 0; i < n; i++) {
    current = rounds[i % rounds.length]!;
    const req = REQUESTS[i % REQUESTS.length]!;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const live = machines > 1 ? withLiveFleet(state, fleet) : state;
    const t1 = performance.now();
    const d = routeRequest(req, live, { policy: { allowJitLoad: true } });
    const t2 = performance.now();
    const c = process.cpuUsage(c0);
    cpu.push(c.user + c.system);
    decide.push((t2 - t1) * 1000);
    withLive.push((t2 - t0) * 1000);
    if (d.choice?.machine) remoteChoices += 1;
  }
  decide.sort((a, b) => a - b);
  withLive.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { decide, withLive, cpu, remoteChoices };
}

export const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Prints the table and the target line. */
export function runDecisionBench(n: number, repeats: number): void {
  console.log(`\nRouting decision, µs (N=${n} decisions per run, ${repeats} runs each, interleaved; ${machineLine()})`);
  timeDecisions(20, 500); // warm-up (JIT)
  timeDecisions(1, 500);
  const runs: Record<'one' | 'fleet', DecisionTimes[]> = { one: [], fleet: [] };
  for (let r = 0; r < repeats; r++) {
    runs.one.push(timeDecisions(1, n));
    runs.fleet.push(timeDecisions(MACHINES, n));
  }
  console.log('| machines × models | step | p50 | p95 | p99 (spread over runs) | max | sent to another machine |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  const row = (label: string, step: string, list: DecisionTimes[], key: 'decide' | 'withLive' | 'cpu') => {
    const p = (q: number) => list.map((t) => pct(t[key], q));
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const p99 = p(99);
    console.log(
      `| ${label} | ${step} | ${med(p(50)).toFixed(1)} | ${med(p(95)).toFixed(1)} | **${med(p99).toFixed(1)}** (${Math.min(...p99).toFixed(1)}–${Math.max(...p99).toFixed(1)}) | ${Math.max(...list.map((t) => t[key].at(-1)!)).toFixed(0)} | ${list.map((t) => t.remoteChoices).join(', ')} of ${n} |`,
    );
    return Math.max(...p99);
  };
  row(`1 × ${MODELS}`, 'routeRequest', runs.one, 'decide');
  row(`${MACHINES} × ${MODELS}`, 'routeRequest', runs.fleet, 'decide');
  const worst = row(`${MACHINES} × ${MODELS}`, 'withLiveFleet + routeRequest', runs.fleet, 'withLive');
  row(`1 × ${MODELS}`, 'routeRequest, CPU µs', runs.one, 'cpu');
  row(`${MACHINES} × ${MODELS}`, 'withLiveFleet + routeRequest, CPU µs', runs.fleet, 'cpu');
  console.log(
    `Target p99 < 2 ms for ${MACHINES} × ${MODELS}: ${worst < 2000 ? 'met' : 'MISSED'} (worst run's p99 ${(worst / 1000).toFixed(3)} ms).`,
  );
}
