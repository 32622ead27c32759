import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../../electron/core/process/node-version';

describe('nodeVersionProblem', () => {
  it('accepts Node 22 and newer', () => {
    expect(nodeVersionProblem('22.0.0')).toBeNull();
    expect(nodeVersionProblem('24.3.1')).toBeNull();
  });

  it('names the Node found and what to install below 22', () => {
    expect(nodeVersionProblem('20.20.2')).toMatch(
      /^Loadout needs Node\.js 22 or newer \(found 20\.20\.2\)\. Install Node\.js 22/,
    );
    expect(nodeVersionProblem('18.19.0')).toContain('(found 18.19.0)');
    expect(nodeVersionProblem('garbage')).toContain('(found garbage)');
  });
});
