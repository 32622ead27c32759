/**
 * Gaming mode's hook into routing (issue 19): while a game holds this machine's GPU, only this machine's
 * endpoint stops being a candidate; other machines answer, and the state given is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { withLocalMachineUnavailable } from '../../../shared/routing/local-machine-unavailable';
import { routeRequest } from '../../../shared/routing/route-request';
import type { RoutingEndpoint, RoutingState } from '../../../shared/routing/types';
import { model } from '../../support/catalog';

const coder = () => model('qwen2.5-coder-14b-instruct', [{ ctx: 32768 }]);
const endpoint = (id: string, kind: RoutingEndpoint['kind']): RoutingEndpoint => ({
  id,
  label: id,
  kind,
  reachable: true,
  models: [coder()],
});
const state = (): RoutingState => ({
  endpoints: [endpoint('local', 'local'), endpoint('remote:nas', 'remote'), endpoint('cloud', 'cloud')],
  vramFreeBytes: 0,
});

describe('routing while a game holds this machine', () => {
  it('marks only this machine unreachable, keeps its models listed, and changes nothing it was given', () => {
    const before = state();
    const after = withLocalMachineUnavailable(before);
    expect(after.endpoints.map((e) => [e.id, e.reachable])).toEqual([
      ['local', false],
      ['remote:nas', true],
      ['cloud', true],
    ]);
    expect(after.endpoints[0]!.models).toHaveLength(1);
    expect(before.endpoints.every((e) => e.reachable)).toBe(true);
    expect(after.vramFreeBytes).toBe(before.vramFreeBytes);
  });

  it('sends the question to another machine instead of this one', () => {
    const ask = { messages: [{ role: 'user' as const, text: 'Why does this not compile?' }] };
    expect(routeRequest(ask, state()).choice?.endpointId).toBe('local');
    expect(routeRequest(ask, withLocalMachineUnavailable(state())).choice?.endpointId).not.toBe('local');
  });
});
