import { describe, expect, it } from 'vitest';
import { machineFromHash, machinePresetsHash } from '../../../shared/fleet/presets-window-hash';

describe("the presets window's hash for another machine", () => {
  it('carries any machine name there and back, with or without a visit number', () => {
    for (const name of ['workstation', 'gpu box', 'estação&2', 'a=b#c?d']) {
      expect(machineFromHash(machinePresetsHash(name))).toBe(name);
      expect(machineFromHash(machinePresetsHash(name, 7))).toBe(name);
    }
    expect(machinePresetsHash('gpu box', 3)).toBe('#presets?machine=gpu%20box&visit=3');
  });

  it('asks for no machine on other hashes, an empty name, or a bad encoding', () => {
    for (const hash of [
      '',
      '#settings',
      '#presets',
      '#presets?visit=2',
      '#presets?machine=',
      '#presets?machine=%E0%A4%A',
    ])
      expect(machineFromHash(hash)).toBeNull();
  });
});
