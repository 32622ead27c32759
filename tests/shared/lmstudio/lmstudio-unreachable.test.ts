/** Why LM Studio cannot be used, worded in English (the core's message, the CLI) and pt-BR (the windows). */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import {
  LmStudioUnreachableSchema,
  wordLmStudioUnreachable,
  type LmStudioUnreachable,
} from '../../../shared/lmstudio/lmstudio-unreachable';

const where = 'http://127.0.0.1:1234 (from settings)';
const word = (kind: LmStudioUnreachable['kind']) => [
  wordLmStudioUnreachable({ kind, where }, translator('en')),
  wordLmStudioUnreachable({ kind, where }, translator('pt-BR')),
];

describe('wordLmStudioUnreachable', () => {
  it('says LM Studio is not running there and how to start it', () => {
    const [en, pt] = word('not-running');
    expect(en).toBe(
      `LM Studio is not running at ${where}. Open LM Studio and start its server (Developer tab → Start server, or \`lms server start\`), or point Loadout at the right address (--lmstudio URL, LOADOUT_LMSTUDIO_URL or settings).`,
    );
    expect(pt).toMatch(
      /^O LM Studio não está rodando em http:\/\/127\.0\.0\.1:1234 \(from settings\)\. Abra o LM Studio/,
    );
  });

  it('says a token is needed', () => {
    const [en, pt] = word('token-required');
    expect(en).toBe(
      `LM Studio at ${where} requires an API token. Set LM_API_TOKEN (CLI) or the token in Loadout's settings.`,
    );
    expect(pt).toContain(`O LM Studio em ${where} exige um token de API.`);
  });

  it('says something else answers at that address', () => {
    const [en, pt] = word('not-lmstudio');
    expect(en).toMatch(/^The server at .* answers, but it is not LM Studio/);
    expect(pt).toMatch(/^O servidor em .* responde, mas não é o LM Studio/);
  });

  it('reads every kind models.list sends, and nothing else', () => {
    for (const kind of ['not-running', 'token-required', 'not-lmstudio'] as const)
      expect(LmStudioUnreachableSchema.parse({ kind, where })).toEqual({ kind, where });
    expect(LmStudioUnreachableSchema.safeParse({ kind: 'asleep', where }).success).toBe(false);
  });
});
