/**
 * Routing across the desk by live availability (issue 18): an idle machine that holds a fitting model
 * wins over a busy one, a queue costs, an offline machine is never chosen, a loaded model beats one
 * that is not, and the reason and `choice.machine` name the machine (en + pt-BR).
 */
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../../shared/lmstudio/types';
import { formatReason } from '../../../shared/routing/reason-text';
import { routeRequest } from '../../../shared/routing/route-request';
import type { MachineLoad, RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import { model } from '../../support/catalog';

const IDLE: MachineLoad = { busyModels: [], queue: 0, gpuUtilizationPercent: 3 };
const CODE = '```ts\nconst a: string = 1\n```\nWhy does this not compile?';

const local = (models: CatalogModel[]): RoutingEndpoint => ({
  id: 'local',
  label: 'this PC',
  kind: 'local',
  reachable: true,
  models,
});
const agent = (name: string, models: CatalogModel[], load: MachineLoad = IDLE, reachable = true): RoutingEndpoint => ({
  id: `agent:${name}`,
  label: name,
  kind: 'remote',
  machine: name,
  reachable,
  load,
  models,
});
const coder = () => model('qwen2.5-coder-14b-instruct', [{ ctx: 32768 }]);
const route = (state: Omit<RoutingState, 'vramFreeBytes'>, text = CODE) =>
  routeRequest({ messages: [{ role: 'user', text }] }, { vramFreeBytes: 0, ...state });

describe('routing across the fleet', () => {
  it('sends to the idle machine that holds the model, and says so in both languages', () => {
    const d = route({
      endpoints: [
        local([]),
        agent('workstation', [coder()]),
        agent('nas', [coder()], { busyModels: ['qwen2.5-coder-14b-instruct'], queue: 0, gpuUtilizationPercent: 97 }),
      ],
    });
    expect(d.choice).toMatchObject({ endpointId: 'agent:workstation', machine: 'workstation', needsLoad: false });
    expect(d.reason).toBe(
      'code detected → qwen2.5-coder-14b-instruct on workstation, coder model, loaded, idle, 32k context fits',
    );
    expect(formatReason(d.reasonParts, 'pt-BR')).toBe(
      'código detectado → qwen2.5-coder-14b-instruct em workstation, modelo de código, carregado, ocioso, contexto de 32k cabe',
    );
    expect(d.runnersUp[0]).toMatchObject({ machine: 'nas' });
    const nas = d.scores.find((s) => s.endpointId === 'agent:nas')!;
    expect(nas.parts.busy).toBe(-12);
    expect(nas.notes.map((n) => n.kind)).toContain('busy');
  });

  it('prefers an idle machine over this one when this one is busy with the same model', () => {
    const d = route({
      endpoints: [local([coder()]), agent('workstation', [coder()])],
      busyInstances: ['qwen2.5-coder-14b-instruct'],
    });
    expect(d.choice?.machine).toBe('workstation');
    // Idle here too: this machine comes first (local first), and `machine` is null for it.
    const here = route({ endpoints: [local([coder()]), agent('workstation', [coder()])] });
    expect(here.choice).toMatchObject({ endpointId: 'local', machine: null });
  });

  it('weighs the queue: the machine with fewer requests waiting wins, and the reason says how many wait', () => {
    const d = route({
      endpoints: [
        agent('a', [coder()], { busyModels: [], queue: 3, gpuUtilizationPercent: 10 }),
        agent('b', [coder()], { busyModels: [], queue: 1, gpuUtilizationPercent: 10 }),
      ],
    });
    expect(d.choice?.machine).toBe('b');
    expect(d.reason).toContain('on b');
    expect(d.reason).toContain('1 waiting');
    expect(formatReason(d.reasonParts, 'pt-BR')).toContain('1 na fila');
    expect(d.scores.find((s) => s.machine === 'a')!.parts.queue).toBe(-12);
  });

  it('a GPU busy with something else costs, and is named', () => {
    const d = route({
      endpoints: [
        agent('gamer', [coder()], { busyModels: [], queue: 0, gpuUtilizationPercent: 100 }),
        agent('quiet', [coder()], { busyModels: [], queue: 0, gpuUtilizationPercent: 5 }),
      ],
    });
    expect(d.choice?.machine).toBe('quiet');
    const gamer = d.scores.find((s) => s.machine === 'gamer')!;
    expect(gamer.parts.gpu).toBe(-6);
    expect(gamer.notes).toContainEqual({ kind: 'gpu-busy', percent: 100 });
  });

  it('never sends to an offline machine, however good its model', () => {
    const d = route({
      endpoints: [
        local([model('llama-3.2-3b-instruct', [{ ctx: 8192 }])]),
        agent('workstation', [coder()], IDLE, false),
      ],
    });
    expect(d.choice).toMatchObject({ endpointId: 'local', machine: null });
    expect(d.scores.some((s) => s.endpointId === 'agent:workstation')).toBe(false);
    expect(d.runnersUp.some((c) => c.machine === 'workstation')).toBe(false);
  });

  it('a machine with the model loaded beats one that only has it downloaded', () => {
    const d = route({
      endpoints: [
        { ...agent('cold', [model('qwen2.5-coder-14b-instruct')]), jit: true },
        agent('warm', [model('qwen2.5-coder-7b-instruct', [{ ctx: 32768 }])]),
      ],
    });
    expect(d.choice).toMatchObject({ machine: 'warm', needsLoad: false });
  });

  it('an LM Studio-only machine is still a target, named as its machine', () => {
    const d = route({
      endpoints: [{ id: 'remote:nas', label: 'nas', kind: 'remote', reachable: true, models: [coder()] }],
    });
    expect(d.choice).toMatchObject({ endpointId: 'remote:nas', machine: 'nas' });
    expect(d.reason).toBe('code detected → qwen2.5-coder-14b-instruct on nas, coder model, loaded, 32k context fits');
  });
});
