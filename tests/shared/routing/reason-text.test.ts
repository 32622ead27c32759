/** The reason line in English and in Brazilian Portuguese (the quick chat's model chip), from the same data. */
import { describe, expect, it } from 'vitest';
import { formatNote, formatReason } from '../../../shared/routing/reason-text';
import { routeRequest } from '../../../shared/routing/route-request';
import type { RoutingState } from '../../../shared/routing/types';
import { catalog, model } from '../../support/catalog';

const DEV: RoutingState = {
  endpoints: [
    {
      id: 'local',
      label: 'this PC',
      kind: 'local',
      reachable: true,
      models: catalog({
        'qwen2.5-coder-14b-instruct': 8192,
        'qwen2.5-7b-instruct': 8192,
        'llama-3.2-3b-instruct': 8192,
      }),
    },
  ],
  vramFreeBytes: 4e9,
};
const ask = (text: string, state: RoutingState = DEV, extra: Record<string, unknown> = {}) =>
  routeRequest({ messages: [{ role: 'user', text }], ...extra }, state);

describe('reason text', () => {
  it('says the same thing in both languages', () => {
    const d = ask('```ts\nlet a: string = 1\n```');
    expect(d.reason).toBe('code detected → qwen2.5-coder-14b-instruct, coder model, loaded, 8k context fits');
    expect(formatReason(d.reasonParts, 'pt-BR')).toBe(
      'código detectado → qwen2.5-coder-14b-instruct, modelo de código, carregado, contexto de 8k cabe',
    );
    const quick = ask('Qual a capital da Austrália?', {
      ...DEV,
      evidence: { 'llama-3.2-3b-instruct': { tokensPerSecond: 151.4, ratings: { quick: { up: 3, down: 0 } } } },
    });
    expect(formatReason(quick.reasonParts, 'pt-BR')).toBe(
      'pergunta curta → llama-3.2-3b-instruct, pequeno e rápido, carregado, contexto de 8k cabe, 151 tok/s medidos',
    );
  });

  it('words ratings without emoji, which header-safe text and font-less systems cannot show', () => {
    const note = { kind: 'ratings', up: 3, down: 1, task: 'code' } as const;
    expect(formatNote(note, 'en')).toBe('rated 3+ 1− for code');
    expect(formatNote(note, 'pt-BR')).toBe('avaliado 3+ 1− em código');
  });

  it('covers overrides, loads, the cloud and nothing fitting', () => {
    expect(formatReason(ask('oi', DEV, { model: 'llama-3.2-3b-instruct' }).reasonParts, 'pt-BR')).toBe(
      'escolhido por você → llama-3.2-3b-instruct, carregado',
    );
    expect(formatReason(ask('@qwen-coder oi').reasonParts, 'pt-BR')).toBe(
      '@qwen-coder no prompt → qwen2.5-coder-14b-instruct, carregado',
    );
    const jit = routeRequest(
      { messages: [{ role: 'user', text: 'describe this', images: 1 }] },
      { ...DEV, vramFreeBytes: 20e9 },
      { policy: { allowJitLoad: true } },
    );
    expect(formatReason(jit.reasonParts, 'pt-BR')).toMatch(
      /^imagem anexada → gemma-3-12b, carrega agora \(~\d+,\d GB de 20,0 GB livres\)$/,
    );
    const cloudModel = { ...model('qwen2.5-7b-instruct'), key: 'claude-sonnet-4', paramsString: null, sizeBytes: null };
    const doubt = ask(
      'Me ajude a planejar um cardápio semanal saudável para uma família de quatro pessoas com orçamento apertado.',
      {
        endpoints: [
          {
            id: 'local',
            label: 'pc',
            kind: 'local',
            reachable: true,
            models: catalog({ 'deepseek-coder-33b-instruct': 4096 }),
          },
          { id: 'cloud', label: 'Anthropic', kind: 'cloud', reachable: true, models: [cloudModel] },
        ],
        vramFreeBytes: 0,
      },
    );
    expect(formatReason(doubt.reasonParts, 'pt-BR')).toMatch(
      /^conversa geral, baixa confiança em deepseek-coder-33b-instruct \(0,\d\d\) → ☁ nuvem claude-sonnet-4 em Anthropic$/,
    );
    const nothing = routeRequest({ messages: [{ role: 'user', text: 'e isso?', images: 1 }] }, DEV);
    expect(formatReason(nothing.reasonParts, 'pt-BR')).toBe(
      'imagem anexada: nenhum modelo serve (não vê imagens); carregue um que sirva ou permita o carregamento JIT',
    );
    expect(
      formatReason(
        routeRequest(
          { messages: [] },
          {
            endpoints: [{ id: 'local', label: 'x', kind: 'local', reachable: false, models: [] }],
            vramFreeBytes: null,
          },
        ).reasonParts,
        'pt-BR',
      ),
    ).toMatch(/^O LM Studio não está acessível/);
  });
});
