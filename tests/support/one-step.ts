import { expect } from 'vitest';
import type { IntegrationStep } from '../../shared/energy/energy-integrator';

/** The one step a push booked (a reading with its counter read, or no counter at all, books exactly one). */
export function oneStep<Tag>(steps: IntegrationStep<Tag>[]): IntegrationStep<Tag> {
  expect(steps).toHaveLength(1);
  return steps[0]!;
}
