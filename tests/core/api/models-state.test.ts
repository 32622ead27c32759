/** models.list says why LM Studio cannot be used both as data (for a window's language) and in English (the CLI). */
import { describe, expect, it } from 'vitest';
import { readLmStudioState } from '../../../electron/core/api/models-state';
import type { LmStudioDetection } from '../../../electron/core/lmstudio/client-types';

const WHERE = 'http://127.0.0.1:9 (from the --lmstudio flag)';

function clientDetecting(detection: Partial<LmStudioDetection>) {
  const unused = () => Promise.reject(new Error('LM Studio is unreachable in this test'));
  return {
    detect: async (): Promise<LmStudioDetection> => ({
      baseUrl: 'http://127.0.0.1:9',
      where: WHERE,
      running: false,
      apiLevel: 'none',
      authRequired: false,
      authorized: false,
      version: null,
      ...detection,
    }),
    capabilities: unused,
    listModels: unused,
    listLoaded: unused,
  };
}

describe('readLmStudioState when LM Studio cannot be used', () => {
  it('gives the reason as data and its English wording', async () => {
    const down = await readLmStudioState(clientDetecting({}), []);
    expect(down).toMatchObject({ reachable: false, unreachable: { kind: 'not-running', where: WHERE } });
    expect(down.message).toMatch(
      /^LM Studio is not running at http:\/\/127\.0\.0\.1:9 \(from the --lmstudio flag\)\. Open/,
    );

    const token = await readLmStudioState(clientDetecting({ running: true, authRequired: true, apiLevel: 'v1' }), []);
    expect(token.unreachable).toEqual({ kind: 'token-required', where: WHERE });
    expect(token.message).toBe(
      `LM Studio at ${WHERE} requires an API token. Set LM_API_TOKEN (CLI) or the token in Loadout's settings.`,
    );

    const foreign = await readLmStudioState(clientDetecting({ foreign: true }), []);
    expect(foreign.unreachable).toEqual({ kind: 'not-lmstudio', where: WHERE });
    expect(foreign.message).toContain('answers, but it is not LM Studio');
  });
});
