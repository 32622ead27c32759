/** Why a preset switch stopped, worded in English (the core's message, the CLI) and pt-BR (tray, windows). */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import {
  SwitchNoticeSchema,
  wordSwitchNotice,
  type AfterFailure,
  type SwitchNotice,
} from '../../../shared/presets/switch-notice';

const en = translator('en');
const pt = translator('pt-BR');

const stepFailed: SwitchNotice = {
  kind: 'step-failed',
  step: 2,
  total: 3,
  action: 'load',
  target: 'qwen2.5-32b',
  detail: 'LM Studio could not load qwen2.5-32b.',
  lmStudio: 'CUDA error: out of memory',
  after: { kind: 'restored' },
};

describe('wordSwitchNotice', () => {
  it("words a failed step with LM Studio's words and what became of the models", () => {
    expect(wordSwitchNotice(stepFailed, en)).toBe(
      'Step 2/3 failed: load qwen2.5-32b. LM Studio could not load qwen2.5-32b. LM Studio said: "CUDA error: out of memory" The previous models were restored.',
    );
    expect(wordSwitchNotice(stepFailed, pt)).toBe(
      'A etapa 2/3 falhou: carregar qwen2.5-32b. LM Studio could not load qwen2.5-32b. O LM Studio disse: "CUDA error: out of memory" Os modelos anteriores foram restaurados.',
    );
    const stay: SwitchNotice = { ...stepFailed, lmStudio: null, after: { kind: 'steps-stay', count: 1 } };
    expect(wordSwitchNotice(stay, en)).toMatch(/qwen2\.5-32b\. The 1 step\(s\) before it stay done; apply a preset/);
    expect(wordSwitchNotice(stay, pt)).toMatch(/As 1 etapa\(s\) anteriores continuam feitas/);
  });

  it('words cancellations and refusals before the switch began', () => {
    const during: SwitchNotice = { kind: 'cancelled-during', step: 1, total: 2, action: 'unload', key: 'gemma-3-12b' };
    expect(wordSwitchNotice(during, en)).toBe(
      'Cancelled during step 1/2 (unload gemma-3-12b); the steps before it stay done.',
    );
    expect(wordSwitchNotice(during, pt)).toBe(
      'Cancelada durante a etapa 1/2 (descarregar gemma-3-12b); as etapas anteriores continuam feitas.',
    );
    expect(wordSwitchNotice({ kind: 'cancelled-before' }, pt)).toBe('A troca foi cancelada antes de qualquer mudança.');
    expect(wordSwitchNotice({ kind: 'switch-running', preset: 'dev' }, en)).toBe(
      'A switch to "dev" is running; wait for it or cancel it first.',
    );
    expect(wordSwitchNotice({ kind: 'none-downloaded', preset: 'Dev', missing: 'x: not downloaded' }, pt)).toBe(
      'Nenhum dos modelos de "Dev" está baixado (x: not downloaded). Nada foi alterado.',
    );
  });

  it('words models still generating: who answers on each, how long it waited, what to do', () => {
    const one: SwitchNotice = {
      kind: 'models-busy',
      waitedSeconds: 30,
      models: [{ instanceId: 'qwen2.5-7b-instruct', answering: { kind: 'lm-studio' } }],
    };
    // The English is the sentence the CLI printed before the refusal had a kind.
    expect(wordSwitchNotice(one, en)).toBe(
      'qwen2.5-7b-instruct is still generating after waiting 30 s, so nothing was changed. Retry when the answer is done, or unload it anyway (the answer is cut off).',
    );
    expect(wordSwitchNotice(one, pt)).toBe(
      'qwen2.5-7b-instruct ainda está gerando depois de 30 s de espera, então nada foi alterado. Tente de novo quando a resposta terminar, ou descarregue-o assim mesmo (a resposta é interrompida).',
    );
    const three: SwitchNotice = {
      kind: 'models-busy',
      waitedSeconds: 5,
      models: [
        { instanceId: 'a', answering: { kind: 'elsewhere', origin: 'loadout chat', pid: 4242 } },
        { instanceId: 'b', answering: { kind: 'elsewhere', origin: 'Loadout tray app', pid: 7 } },
        { instanceId: 'c', answering: { kind: 'loadout' } },
      ],
    };
    expect(wordSwitchNotice(three, en)).toBe(
      'a (answering in another Loadout process: loadout chat, pid 4242, perhaps in another terminal), b (answering in another Loadout process: Loadout tray app, pid 7), c (answering a Loadout request) are still generating after waiting 5 s, so nothing was changed. Retry when the answer is done, or unload them anyway (the answer is cut off).',
    );
    expect(wordSwitchNotice(three, pt)).toBe(
      'a (respondendo em outro processo do Loadout: loadout chat, pid 4242, talvez em outro terminal), b (respondendo em outro processo do Loadout: Loadout tray app, pid 7), c (respondendo a um pedido do Loadout) ainda estão gerando depois de 5 s de espera, então nada foi alterado. Tente de novo quando as respostas terminarem, ou descarregue-os assim mesmo (as respostas são interrompidas).',
    );
  });

  it('reads a busy refusal as the core sends it, and refuses one without who answers', () => {
    const notice = {
      kind: 'models-busy',
      waitedSeconds: 30,
      models: [
        { instanceId: 'a', answering: { kind: 'elsewhere', origin: 'loadout apply', pid: 1 } },
        { instanceId: 'b', answering: { kind: 'loadout' } },
        { instanceId: 'c', answering: { kind: 'lm-studio' } },
      ],
    };
    expect(SwitchNoticeSchema.parse(notice)).toEqual(notice);
    expect(SwitchNoticeSchema.safeParse({ ...notice, models: [{ instanceId: 'a' }] }).success).toBe(false);
    expect(
      SwitchNoticeSchema.safeParse({ ...notice, models: [{ instanceId: 'a', answering: { kind: 'elsewhere' } }] })
        .success,
    ).toBe(false);
    expect(SwitchNoticeSchema.safeParse({ kind: 'models-busy', models: [] }).success).toBe(false);
  });

  it('refuses a kind it does not know, so a window falls back to the English message', () => {
    expect(SwitchNoticeSchema.safeParse({ kind: 'warp' }).success).toBe(false);
  });

  it('words what became of the models after a failed step, each way', () => {
    const after = (a: AfterFailure) =>
      wordSwitchNotice({ ...stepFailed, lmStudio: null, after: a }, en).replace(
        'Step 2/3 failed: load qwen2.5-32b. LM Studio could not load qwen2.5-32b. ',
        '',
      );
    expect(after({ kind: 'restore-incomplete', failures: ['a: gone', 'b: busy'] })).toBe(
      'Restoring the previous models was incomplete (a: gone; b: busy); check LM Studio.',
    );
    expect(after({ kind: 'restore-failed', detail: 'LM Studio is down' })).toBe(
      'Could not restore the previous models: LM Studio is down',
    );
    expect(after({ kind: 'nothing-changed' })).toBe('Nothing was changed.');
  });

  it('words a cancellation after the last step and a failed read of the loaded models', () => {
    expect(wordSwitchNotice({ kind: 'cancelled-after', done: 2, total: 3 }, en)).toBe(
      'Cancelled after 2 of 3 steps; what ran stays as it is.',
    );
    expect(wordSwitchNotice({ kind: 'read-failed', detail: 'ECONNREFUSED' }, en)).toBe(
      'Could not read the loaded models before switching: ECONNREFUSED',
    );
    expect(wordSwitchNotice({ kind: 'cancelled-before' }, en)).toBe(
      'The switch was cancelled before anything changed.',
    );
  });

  it('reads every kind the core sends, and refuses an action it does not know', () => {
    const sent: SwitchNotice[] = [
      { kind: 'cancelled-before' },
      { kind: 'cancelled-during', step: 1, total: 2, action: 'load', key: 'k' },
      { kind: 'cancelled-during', step: 1, total: 2, action: 'unload', key: 'k' },
      { kind: 'cancelled-after', done: 1, total: 2 },
      { kind: 'read-failed', detail: 'x' },
      ...(['restored', 'nothing-changed'] as const).map((kind) => ({ ...stepFailed, after: { kind } })),
      { ...stepFailed, after: { kind: 'restore-incomplete', failures: ['a'] } },
      { ...stepFailed, after: { kind: 'restore-failed', detail: 'd' } },
      { ...stepFailed, after: { kind: 'steps-stay', count: 2 } },
      { kind: 'switch-running', preset: 'dev' },
      { kind: 'none-downloaded', preset: 'dev', missing: 'm' },
    ];
    for (const notice of sent) expect(SwitchNoticeSchema.parse(notice)).toEqual(notice);
    expect(SwitchNoticeSchema.safeParse({ ...stepFailed, action: 'keep' }).success).toBe(false);
    expect(SwitchNoticeSchema.safeParse({ ...stepFailed, after: { kind: 'steps-stay', count: 0 } }).success).toBe(
      false,
    );
  });
});
