import { describe, expect, it } from 'vitest';
import { estimateMemoryChannels } from '../../../shared/hardware/memory-channels';

describe('estimateMemoryChannels', () => {
  it('maps desktop module counts to channels and refuses to guess beyond four', () => {
    expect([null, 0, 1, 2, 3, 4, 8, 1.5].map((m) => estimateMemoryChannels(m))).toEqual([
      null,
      null,
      1,
      2,
      2,
      2,
      null,
      null,
    ]);
  });
});
