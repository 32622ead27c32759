/**
 * A tray switch on another machine that did not happen (refused because models are generating there,
 * failed, unanswered): its notification's click opens the presets window with that machine picked, a
 * new address each time so an open window hears it; an Unload all notice opens nothing.
 */
import { describe, expect, it } from 'vitest';
import { machineOutcomeNotifier } from '../../electron/main/machine-notification';
import type { MachineOutcome } from '../../electron/main/tray/tray-machine-actions';
import { shellStrings } from '../../electron/main/tray/tray-strings';
import { machineFromHash } from '../../shared/fleet/presets-window-hash';
import { FakeNotification } from '../support/electron-fakes';

function setup(language = 'en') {
  const created: FakeNotification[] = [];
  const opened: string[] = [];
  const notify = machineOutcomeNotifier({
    createNotification: (options) => {
      const n = new FakeNotification(options);
      created.push(n);
      return n;
    },
    strings: () => shellStrings(language, 'en-US'),
    openSettings: ({ hash }) => opened.push(hash),
  });
  return { notify, created, opened };
}

const refused: MachineOutcome = {
  machine: 'workstation',
  preset: { id: 'dev', name: 'Dev' },
  result: 'refused',
  message: null,
  busy: ['qwen-7b'],
};

describe("another machine's switch notification", () => {
  it('opens the presets window on that machine when clicked, each time at a new address', () => {
    const { notify, created, opened } = setup();
    notify(refused);
    expect(created[0]!.options.title).toBe('Preset "Dev" not applied on workstation: a model is still answering');
    expect(opened).toEqual([]);
    created[0]!.click();
    notify({ ...refused, machine: 'gpu box', result: 'failed', busy: [], message: 'out of memory' });
    created[1]!.click();
    created[0]!.click();
    expect(opened.map(machineFromHash)).toEqual(['workstation', 'gpu box', 'workstation']);
    expect(new Set(opened).size).toBe(3);
  });

  it('opens nothing for an Unload all that did not go through, and shows nothing for a switch that did', () => {
    const { notify, created, opened } = setup('pt-BR');
    notify({ ...refused, preset: null, result: 'refused' });
    created[0]!.click();
    expect(opened).toEqual([]);
    notify({ ...refused, result: 'ok', busy: [] });
    expect(created[1]!.options.silent).toBe(true);
    created[1]!.click();
    expect(opened).toEqual([]);
  });
});
