/**
 * MCP `ask` across the desk: the delegation's busy wait sees another machine's busy models (its agent
 * says so), and never mistakes this machine's busy instance for another machine's of the same id.
 */
import { describe, expect, it } from 'vitest';
import { busyCheck, judgeDecision } from '../../../electron/core/delegation/judge-decision';
import type { RoutingSnapshot } from '../../../electron/core/routing/routing-state-source';
import { routeRequest } from '../../../shared/routing/route-request';
import type { MachineLoad, RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import { model } from '../../support/catalog';

const CODER = 'qwen2.5-coder-14b-instruct';
const CODE = '```ts\nconst a: string = 1\n```\nWhy does this not compile?';
const agent = (name: string, load: MachineLoad): RoutingEndpoint => ({
  id: `agent:${name}`,
  label: name,
  kind: 'remote',
  machine: name,
  reachable: true,
  load,
  models: [model(CODER, [{ ctx: 32768 }])],
});
const judge = (state: RoutingState) =>
  judgeDecision(
    routeRequest({ messages: [{ role: 'user', text: CODE }] }, state),
    { state, chatEndpoints: new Map(), unreachable: new Map() } as RoutingSnapshot,
    { minConfidence: 0.5, allowJitLoad: false, taskName: 'code' },
  );

describe('delegation across the fleet', () => {
  it('waits for a model another machine says is busy, and goes once it is free', () => {
    const busy = judge({
      endpoints: [agent('workstation', { busyModels: [CODER], queue: 0, gpuUtilizationPercent: 90 })],
      vramFreeBytes: null,
    });
    expect(busy).toMatchObject({ kind: 'busy', models: [CODER] });
    const free = judge({
      endpoints: [agent('workstation', { busyModels: [], queue: 0, gpuUtilizationPercent: 3 })],
      vramFreeBytes: null,
    });
    expect(free).toMatchObject({ kind: 'go', decision: { choice: { machine: 'workstation' } } });
  });

  it("this machine's busy instance does not make another machine's same-named instance busy", () => {
    const state: RoutingState = {
      endpoints: [
        { id: 'local', label: 'this PC', kind: 'local', reachable: true, models: [model(CODER, [{ ctx: 32768 }])] },
        agent('workstation', { busyModels: [], queue: 0, gpuUtilizationPercent: 3 }),
      ],
      vramFreeBytes: null,
      busyInstances: [CODER],
    };
    const check = busyCheck(state);
    expect(check('local', CODER, CODER)).toBe(true);
    expect(check('agent:workstation', CODER, CODER)).toBe(false);
    expect(judge(state)).toMatchObject({ kind: 'go', decision: { choice: { machine: 'workstation' } } });
  });
});
