/** Gaming mode's notifications: "Unload anyway" on click while a model answers, and a restore that failed. */
import type { NotificationConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createEventHub, type MethodName } from '../../shared/contract';
import { UNNAMED_FULLSCREEN_GAME } from '../../shared/gaming/game-name';
import { startGamingNotifier } from '../../electron/main/gaming-notification';
import type { ShellNotification } from '../../electron/main/notifications';
import type { CoreCall } from '../../electron/main/tray/tray-controller';
import { gamingStatus as status } from '../support/gaming-fixtures';

function setup(language = 'en') {
  const events = createEventHub();
  const shown: { options: NotificationConstructorOptions; click?: () => void }[] = [];
  const called: MethodName[] = [];
  const call: CoreCall = async (method) => {
    called.push(method);
    return null as never;
  };
  const stop = startGamingNotifier({
    events,
    call,
    language: () => language,
    osLocale: 'en-US',
    createNotification: (options) => {
      const entry: (typeof shown)[number] = { options };
      const n: ShellNotification = {
        on: (event, listener) => {
          if (event === 'click') entry.click = listener as () => void;
        },
        show: () => shown.push(entry),
      };
      return n;
    },
  });
  return { events, shown, called, stop };
}

describe('gaming notifications', () => {
  it('asks once while a model answers, and a click says "Unload anyway"', () => {
    const { events, shown, called, stop } = setup();
    const asking = status({ phase: 'asking', games: ['eldenring.exe'], busyModels: ['qwen2.5-7b-instruct'] });
    events.emit('gaming.changed', asking);
    events.emit('gaming.changed', asking);
    expect(shown.map((s) => s.options.title)).toEqual(['eldenring.exe started, but a model is still answering']);
    expect(shown[0]!.options.body).toContain('Still generating: qwen2.5-7b-instruct.');
    shown[0]!.click!();
    expect(called).toEqual(['gaming.unloadAnyway']);
    stop();
  });

  it('words a fullscreen game whose process is unknown in pt-BR', () => {
    const { events, shown } = setup('pt-BR');
    events.emit('gaming.changed', status({ phase: 'asking', games: [UNNAMED_FULLSCREEN_GAME], busyModels: ['qwen'] }));
    expect(shown.map((s) => s.options.title)).toEqual([
      'Jogo em tela cheia começou, mas um modelo ainda está respondendo',
    ]);
  });

  it('says once, in pt-BR, that the models did not come back and why', () => {
    const { events, shown } = setup('pt-BR');
    const failed = status({
      message: 'Could not bring the models back after eldenring.exe: LM Studio is not running.',
      notice: { kind: 'restore-failed', game: 'eldenring.exe', detail: 'LM Studio is not running' },
      history: [
        {
          game: 'eldenring.exe',
          startedAt: '2026-12-07T20:00:00Z',
          endedAt: '2026-12-07T21:00:00Z',
          outcome: 'restore-failed',
          detail: null,
        },
      ],
    });
    events.emit('gaming.changed', status({ phase: 'grace' }));
    events.emit('gaming.changed', failed);
    events.emit('gaming.changed', failed);
    expect(shown.map((s) => [s.options.title, s.options.body])).toEqual([
      // Worded from the notice in pt-BR, not the core's English message.
      [
        'Modelos não restaurados depois do jogo',
        expect.stringMatching(
          /^Não foi possível trazer os modelos de volta depois de eldenring\.exe: LM Studio is not running\. Eles ficam guardados/,
        ),
      ],
    ]);
  });
});
