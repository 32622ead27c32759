/** The tray tooltip's line of today's delegated tasks, in English and pt-BR, only when there was one today, kept within Windows' 127 characters. */
import { describe, expect, it } from 'vitest';
import type { DelegationSummaryInfo } from '../../../shared/contract';
import type { CoreCall } from '../../../electron/main/tray/tray-controller';
import { shellStrings } from '../../../electron/main/tray/tray-strings';
import { formatTrayTooltip } from '../../../shared/tray/tray-tooltip';
import { energySummary, sample3090 } from '../../support/shell-fixtures';
import { buildTray } from '../../support/tray-harness';

const en = shellStrings('en', 'en-US');
const pt = shellStrings('auto', 'pt-BR');
const nbsp = (text: string) => text.replace(/\u00a0/g, ' ');

function today(currency: string, over: Partial<DelegationSummaryInfo['totals']> = {}): DelegationSummaryInfo {
  const totals = {
    tasks: 42,
    answered: 40,
    declined: 2,
    promptTokens: 40_000,
    completionTokens: 21_000,
    energyWh: 18,
    costLocal: 0.1,
    cloudCostAvoided: 4.7,
    saved: 4.6,
    ...over,
  };
  return {
    from: '2026-11-27T03:00:00.000Z',
    to: '2026-11-27T15:00:00.000Z',
    by: 'client',
    currency,
    totals,
    rows: [{ key: 'claude-code', ...totals }],
  };
}

const lastLine = (text: string) => nbsp(text.split('\n').at(-1)!);

describe('tray tooltip: delegated today', () => {
  it('says tasks, tokens, Wh and the saving in English and in pt-BR where the OS shows it whole', () => {
    expect(
      lastLine(formatTrayTooltip(sample3090, energySummary, en, 'en-US', { delegated: today('USD'), maxChars: 255 })),
    ).toBe('today: 42 tasks delegated · 61k tokens · 18 Wh · ≈ $4.60 saved');
    expect(
      lastLine(formatTrayTooltip(sample3090, energySummary, pt, 'pt-BR', { delegated: today('BRL'), maxChars: 255 })),
    ).toBe('hoje: 42 tarefas delegadas · 61k tokens · 18 Wh · ≈ R$ 4,60 poupados');
  });

  it('stays within Windows’ 127 characters: the line keeps tasks and saving, then the CPU line makes room', () => {
    const text = formatTrayTooltip(sample3090, energySummary, pt, 'pt-BR', { delegated: today('BRL') });
    expect(text.length).toBeLessThanOrEqual(127);
    expect(lastLine(text)).toBe('hoje: 42 tarefas delegadas · ≈ R$ 4,60 poupados');
    expect(text).toContain('GPU 37%');
    expect(text).not.toContain('CPU');
    // Without today's energy line there is room for the CPU line again.
    const roomier = formatTrayTooltip(sample3090, null, en, 'en-US', { delegated: today('USD') });
    expect(roomier).toContain('CPU 13%');
    expect(roomier.length).toBeLessThanOrEqual(127);
  });

  it('shows no line when nothing was delegated today, one task in the singular, and no "saved" when nothing was saved', () => {
    const none = formatTrayTooltip(sample3090, energySummary, en, 'en-US', {
      delegated: today('USD', {
        tasks: 0,
        answered: 0,
        declined: 0,
        promptTokens: 0,
        completionTokens: 0,
        energyWh: 0,
        costLocal: null,
        cloudCostAvoided: null,
        saved: null,
      }),
    });
    expect(none).toBe(formatTrayTooltip(sample3090, energySummary, en, 'en-US'));
    const declinedOnly = today('USD', {
      tasks: 1,
      answered: 0,
      declined: 1,
      promptTokens: 300,
      completionTokens: 0,
      energyWh: 0,
      costLocal: null,
      cloudCostAvoided: null,
      saved: null,
    });
    expect(lastLine(formatTrayTooltip(sample3090, null, en, 'en-US', { delegated: declinedOnly, maxChars: 255 }))).toBe(
      'today: 1 task delegated · 300 tokens',
    );
    expect(lastLine(formatTrayTooltip(sample3090, null, pt, 'pt-BR', { delegated: declinedOnly, maxChars: 255 }))).toBe(
      'hoje: 1 tarefa delegada · 300 tokens',
    );
  });

  it('the tray controller asks the core for today’s delegations and shows them', async () => {
    const calls: string[] = [];
    const answers: Record<string, unknown> = { 'energy.delegations': today('USD') };
    const call: CoreCall = async (method, params) => {
      calls.push(params === undefined ? method : `${method} ${JSON.stringify(params)}`);
      return (answers[method] ?? null) as never;
    };
    const { controller, events, tray } = buildTray(call, { maxTooltipChars: 255 });
    await controller.refresh();
    events.emit('hardware.sample', sample3090);
    expect(calls).toContain('energy.delegations {"since":"today","by":"client"}');
    expect(nbsp(tray().tooltip)).toContain('today: 42 tasks delegated · 61k tokens · 18 Wh · ≈ $4.60 saved');
    controller.dispose();
  });
});
