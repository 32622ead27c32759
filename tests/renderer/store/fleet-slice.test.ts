/** The fleet slice: fleet.list fills it, fleet.changed replaces it, and a core without the fleet leaves it empty. */
import { describe, expect, it } from 'vitest';
import { bindEvents } from '../../../renderer/src/store/bind-events';
import { createAppStore } from '../../../renderer/src/store/create-app-store';
import { createFakeApi } from '../../support/fake-api';
import { deskFleet } from '../monitor/fleet-fixture';

describe('fleet slice', () => {
  it('loads fleet.list and follows fleet.changed', async () => {
    const api = createFakeApi();
    api.handle('fleet.list', () => ({ ok: true, result: deskFleet() }));
    const store = createAppStore(api);
    bindEvents(store);
    const s = store.useStore.getState;
    await s().loadFleet();
    expect(s().fleet?.machines.map((m) => m.name)).toEqual(['workstation', 'laptop', 'nas', 'render-box']);
    api.emit('fleet.changed', deskFleet({ machines: [] }));
    expect(s().fleet?.machines).toEqual([]);
  });

  it('keeps the error and no fleet when the core has no fleet service', async () => {
    const store = createAppStore(createFakeApi());
    await store.useStore.getState().loadFleet();
    expect(store.useStore.getState().fleet).toBeNull();
    expect(store.useStore.getState().fleetError).toContain('fleet.list');
  });
});
