// The pure core modules that mutation testing covers, by group (issue 15).
// `npm run test:mutation` runs them all; `npm run test:mutation -- <group|file|folder>...` runs a part.
export const mutationGroups = {
  presets: ['shared/presets/plan.ts', 'shared/presets/resolve.ts'],
  models: ['shared/models/memory-fit.ts', 'shared/models/model-size.ts'],
  energy: [
    'shared/energy/energy-integrator.ts',
    'shared/energy/idle-excess.ts',
    'shared/energy/minute-rollups.ts',
    'shared/energy/tariff.ts',
  ],
  routing: ['shared/routing/score-candidates.ts', 'shared/routing/detect-task.ts', 'shared/routing/route-request.ts'],
  bench: ['shared/bench/summarize-run.ts', 'shared/bench/render-bench-markdown.ts'],
};

export const allMutated = Object.values(mutationGroups).flat();
