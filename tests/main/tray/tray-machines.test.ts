/**
 * The tray's submenu per other machine (issue 18): state, presets applied there through fleet.call,
 * Unload all, an offline machine disabled with its reason, progress from fleet.event, a notification
 * naming the machine when a switch fails or is refused, and no menu rebuild when nothing shown changed.
 */
import type { Menu, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MethodName } from '../../../shared/contract';
import type { FleetState, MachineSnapshot } from '../../../shared/contract/fleet';
import type { CoreCall } from '../../../electron/main/tray/tray-controller';
import { machineOutcomeNotice, type MachineOutcome } from '../../../electron/main/tray/tray-machine-actions';
import { buildMachinesMenuItems } from '../../../electron/main/tray/tray-machines-menu';
import { shellStrings, shellTranslator } from '../../../electron/main/tray/tray-strings';
import { FakeMenu } from '../../support/electron-fakes';
import { fleetState, machineSnapshot } from '../../support/fleet-snapshots';
import { modelsState, presetList } from '../../support/shell-fixtures';
import { buildTray } from '../../support/tray-harness';

const en = shellStrings('en', 'en-US');
const pt = shellStrings('pt-BR', 'en-US');
const enWords = { t: shellTranslator('en', 'en-US'), language: 'en' };
const ptWords = { t: shellTranslator('pt-BR', 'en-US'), language: 'pt-BR' };

function machine(over: Partial<MachineSnapshot> & { name: string }): MachineSnapshot {
  return machineSnapshot({
    url: `https://127.0.0.2:7878`,
    since: 1_700_000_000_000,
    lastSeen: 1_700_000_000_000,
    version: '1.2.3',
    powerW: 120,
    loadedModels: ['qwen2.5-coder-14b'],
    activePreset: 'dev',
    presets: [
      { id: 'dev', name: 'Dev' },
      { id: 'gaming', name: 'Gaming' },
    ],
    clockSkewMs: 0,
    ...over,
  });
}

const workstation = machine({ name: 'workstation' });
const laptop = machine({
  name: 'laptop',
  online: false,
  problem: { kind: 'refused', message: 'laptop refused the token (401): add it again with its current token.' },
  loadedModels: [],
  presets: [],
});
const fleet = (machines: MachineSnapshot[]): FleetState =>
  fleetState(machines, { lmLink: { available: false, servedBy: null, peers: [], message: 'lms not found' } });

const submenu = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const noop = { applyOnMachine: () => {}, unloadAllOnMachine: () => {} };

describe('machines submenu', () => {
  it('shows an online machine with its presets (active checked) and Unload all', () => {
    const items = buildMachinesMenuItems([workstation], new Map(), noop, en, enWords);
    const item = items.find((i) => i.id === 'machine:workstation')!;
    expect(item.label).toBe('workstation — online');
    expect(item.enabled).not.toBe(false);
    expect(submenu(item).map((i) => [i.label, i.checked, i.enabled])).toEqual([
      ['Presets', undefined, false],
      ['Dev', true, true],
      ['Gaming', false, true],
      [undefined, undefined, undefined],
      ['Unload all (1)', undefined, true],
    ]);
  });

  it('disables an offline machine and says why, in the tray language', () => {
    const [, header, item] = buildMachinesMenuItems([laptop], new Map(), noop, pt, ptWords);
    expect(header!.label).toBe('Outras máquinas');
    // The reason under it is the windows' pt-BR sentence, not the core's English message.
    expect(item).toMatchObject({
      label: 'laptop — token recusado',
      enabled: false,
      sublabel: 'Ela recusou o token: adicione a máquina de novo com o token atual.',
    });
    const [, , off] = buildMachinesMenuItems([{ ...laptop, problem: null }], new Map(), noop, en, enWords);
    expect(off!.label).toBe('laptop — offline');
  });

  it('says an LM Studio-only machine has no presets, and adds nothing when no machine is added', () => {
    const lms = machine({ name: 'nas', kind: 'lmstudio-only', presets: [], activePreset: null });
    const item = buildMachinesMenuItems([lms], new Map(), noop, en, enWords)[2]!;
    expect(submenu(item)[0]!.label).toBe('LM Studio only: no presets to switch');
    expect(buildMachinesMenuItems([], new Map(), noop, en, enWords)).toEqual([]);
  });

  it('names the machine in the notices of a failed, refused or unanswered action', () => {
    const base: MachineOutcome = {
      machine: 'workstation',
      preset: { id: 'dev', name: 'Dev' },
      result: 'failed',
      message: 'LM Studio said: out of memory',
      busy: [],
    };
    expect(machineOutcomeNotice(base, en)).toEqual({
      title: 'Preset "Dev" did not apply on workstation',
      body: 'LM Studio said: out of memory',
      presetsOf: 'workstation',
    });
    expect(machineOutcomeNotice({ ...base, result: 'refused', busy: ['qwen-7b'] }, pt)).toEqual({
      title: 'Preset "Dev" não aplicado em workstation: um modelo ainda está respondendo',
      body: 'Ainda gerando lá: qwen-7b. Nada foi alterado.',
      presetsOf: 'workstation',
    });
    expect(machineOutcomeNotice({ ...base, preset: null, result: 'no-answer', message: null }, en)?.title).toBe(
      'Not unloaded on workstation',
    );
    expect(machineOutcomeNotice({ ...base, preset: null, result: 'ok' }, en)).toBeNull();
    // A click opens that machine's presets only for a switch that did not happen there.
    expect(machineOutcomeNotice({ ...base, result: 'no-answer' }, en)?.presetsOf).toBe('workstation');
    expect(machineOutcomeNotice({ ...base, result: 'ok' }, en)).not.toHaveProperty('presetsOf');
    expect(machineOutcomeNotice({ ...base, result: 'cancelled' }, en)).not.toHaveProperty('presetsOf');
    expect(machineOutcomeNotice({ ...base, preset: null, result: 'failed' }, en)).not.toHaveProperty('presetsOf');
  });

  it("words the machine's reason from its notice in pt-BR, not the agent's English", () => {
    const failed: MachineOutcome = {
      machine: 'workstation',
      preset: { id: 'dev', name: 'Dev' },
      result: 'cancelled',
      message: 'Cancelled after 1 of 2 steps; what ran stays as it is.',
      notice: { kind: 'cancelled-after', done: 1, total: 2 },
      busy: [],
    };
    expect(machineOutcomeNotice(failed, pt, ptWords)?.body).toBe(
      'Cancelada depois de 1 de 2 etapas; o que rodou fica como está.',
    );
    // Without the words (or from an older agent without a notice) the agent's message stays.
    expect(machineOutcomeNotice(failed, pt)?.body).toBe(failed.message);
  });
});

describe('tray controller across the fleet', () => {
  function setup(answers: Partial<Record<MethodName, unknown>>, relay: (input: unknown) => unknown) {
    const calls: unknown[] = [];
    const outcomes: MachineOutcome[] = [];
    let builds = 0;
    const all: unknown[] = [];
    const call: CoreCall = async (method, params) => {
      all.push(params === undefined ? method : { method, params });
      if (method !== 'fleet.call') return (answers[method] ?? null) as never;
      calls.push(params);
      return relay(params) as never;
    };
    const { controller, events, tray } = buildTray(call, {
      buildMenu: (template) => {
        builds++;
        return new FakeMenu(template) as unknown as Menu;
      },
      onMachineOutcome: (o) => outcomes.push(o),
    });
    const menu = () => tray().menu!;
    const inMachine = (name: string, id: string) => submenu(menu().item(`machine:${name}`)).find((i) => i.id === id)!;
    return { controller, events, menu, inMachine, calls, all, outcomes, builds: () => builds };
  }

  it('applies a preset on the machine through fleet.call and shows its relayed progress', async () => {
    const { controller, events, inMachine, calls, outcomes } = setup(
      { 'presets.list': presetList, 'models.list': modelsState, 'fleet.list': fleet([workstation, laptop]) },
      () => ({ presetId: 'gaming', result: 'ok', plan: [], message: null }),
    );
    await controller.refresh();
    events.emit(
      'fleet.event',
      {
        machine: 'workstation',
        event: 'presets.progress',
        payload: {
          presetId: 'gaming',
          phase: 'unloading',
          step: 1,
          total: 2,
          key: 'qwen',
          sizeBytes: null,
          elapsedMs: 5,
          message: null,
        },
      },
      'shell',
    );
    expect(inMachine('workstation', 'machine:workstation:preset:gaming').label).toBe('Gaming (loading 1/2)');
    expect(inMachine('workstation', 'machine:workstation:preset:dev').enabled).toBe(false);
    // The local presets are untouched by another machine's switch.
    expect(controller.state).toBe('idle');
    (inMachine('workstation', 'machine:workstation:preset:gaming').click as () => void)();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([{ machine: 'workstation', method: 'presets.apply', params: { id: 'gaming' } }]);
    expect(outcomes).toEqual([
      { machine: 'workstation', preset: { id: 'gaming', name: 'Gaming' }, result: 'ok', message: null, busy: [] },
    ]);
    expect(inMachine('workstation', 'machine:workstation:preset:gaming').label).toBe('Gaming');
  });

  it('sends Unload all to that machine and reports a refusal with the busy models', async () => {
    const { controller, inMachine, calls, outcomes } = setup({ 'fleet.list': fleet([workstation]) }, () => ({
      unloaded: [],
      result: 'refused',
      busy: [{ instanceId: 'qwen2.5-coder-14b', modelKey: 'qwen2.5-coder-14b' }],
      message: 'qwen2.5-coder-14b is still generating',
    }));
    await controller.refresh();
    (inMachine('workstation', 'machine:workstation:unload-all').click as () => void)();
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([{ machine: 'workstation', method: 'models.unloadAll', params: { failureAsResult: true } }]);
    expect(outcomes[0]).toMatchObject({
      machine: 'workstation',
      preset: null,
      result: 'refused',
      busy: ['qwen2.5-coder-14b'],
    });
  });

  it('reports a relay that got no answer (the machine went away) as no-answer', async () => {
    const { controller, inMachine, outcomes } = setup({ 'fleet.list': fleet([workstation]) }, () => null);
    await controller.refresh();
    (inMachine('workstation', 'machine:workstation:preset:dev').click as () => void)();
    await new Promise((r) => setImmediate(r));
    expect(outcomes[0]?.result).toBe('no-answer');
  });

  it('rebuilds the menu on fleet.changed only when what it shows changed', async () => {
    const { controller, events, menu, builds } = setup({ 'fleet.list': fleet([workstation]) }, () => null);
    await controller.refresh();
    const before = builds();
    // A new lastSeen or power reading: nothing in the menu changes.
    events.emit('fleet.changed', fleet([{ ...workstation, lastSeen: 1_700_000_009_000, powerW: 300 }]));
    expect(builds()).toBe(before);
    events.emit('fleet.changed', fleet([{ ...workstation, online: false, problem: null }]));
    expect(builds()).toBe(before + 1);
    expect(menu().item('machine:workstation')).toMatchObject({ label: 'workstation — offline', enabled: false });
  });

  it('still rebuilds when only what a click sends changed (a model reloaded with another context length)', async () => {
    const { controller, events, menu, all } = setup({ 'models.list': modelsState }, () => null);
    await controller.refresh();
    const [first] = modelsState.loaded;
    events.emit('models.changed', {
      ...modelsState,
      loaded: [{ ...first!, contextLength: 32768 }, ...modelsState.loaded.slice(1)],
    });
    const bench = submenu(menu().item(`model:${first!.instanceId}`)).find((i) => i.id?.startsWith('benchmark:'))!;
    (bench.click as () => void)();
    expect(all).toContainEqual({ method: 'bench.run', params: { modelKey: first!.modelKey, contextLength: 32768 } });
  });
});
