/** When the energy counter is wanted at every sample: from a hold until a sample read after the last release. */
import { describe, expect, it } from 'vitest';
import { FineGrainDemand } from '../../../shared/energy/fine-grain-demand';

function demand() {
  let t = 1_000;
  const changes: boolean[] = [];
  const d = new FineGrainDemand(
    () => t,
    (wanted) => changes.push(wanted),
  );
  return { d, changes, at: (ms: number) => (t = ms) };
}

describe('FineGrainDemand', () => {
  it('is not wanted until held, and says so at once when held', () => {
    const { d, changes } = demand();
    expect(d.wanted()).toBe(false);
    d.sampled(5_000);
    expect(changes).toEqual([]);
    d.hold();
    expect(d.wanted()).toBe(true);
    expect(changes).toEqual([true]);
  });

  it('stays wanted after the release until a sample read at or after it is published', () => {
    const { d, changes, at } = demand();
    const release = d.hold();
    at(3_000);
    release();
    expect(d.wanted()).toBe(true);
    d.sampled(2_999); // read before the answer ended (NVML's worker reads ahead): not yet bracketed
    expect(d.wanted()).toBe(true);
    d.sampled(3_000);
    expect(d.wanted()).toBe(false);
    expect(changes).toEqual([true, false]);
    d.sampled(4_000);
    expect(changes).toEqual([true, false]);
  });

  it('ends only after the last of overlapping holds, at the latest release', () => {
    const { d, changes, at } = demand();
    const a = d.hold();
    const b = d.hold();
    at(2_000);
    a();
    d.sampled(2_500); // b still runs
    expect(d.wanted()).toBe(true);
    at(3_000);
    b();
    d.sampled(2_900);
    expect(d.wanted()).toBe(true);
    d.sampled(3_100);
    expect(d.wanted()).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('counts a release once, and a hold while settling keeps it wanted without a second change', () => {
    const { d, changes, at } = demand();
    const a = d.hold();
    at(2_000);
    a();
    a(); // twice: still one release
    const b = d.hold(); // a new answer before the settling read
    at(4_000);
    d.sampled(4_000);
    expect(d.wanted()).toBe(true); // b runs
    at(5_000);
    b();
    d.sampled(4_999);
    expect(d.wanted()).toBe(true);
    d.sampled(5_000);
    expect(d.wanted()).toBe(false);
    expect(changes).toEqual([true, false]);
    const c = d.hold();
    expect(changes).toEqual([true, false, true]);
    c();
  });

  it('keeps the later release when an earlier one is still settling', () => {
    const { d, at } = demand();
    const a = d.hold();
    at(2_000);
    a();
    const b = d.hold();
    at(1_500); // the clock stepped back: the settling time never moves earlier
    b();
    d.sampled(1_800);
    expect(d.wanted()).toBe(true);
    d.sampled(2_000);
    expect(d.wanted()).toBe(false);
  });

  it('ignores a sample without a time', () => {
    const { d, at } = demand();
    const a = d.hold();
    at(2_000);
    a();
    d.sampled(Number.NaN);
    expect(d.wanted()).toBe(true);
  });
});
