/** loadout.db stays locked until the records waiting in memory overflow: the tray app says so once per lock, in the UI's language; a click opens the monitor. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseLockInfo } from '../../shared/contract';
import { FakeNotification } from '../support/electron-fakes';
import { startTestNotifier } from '../support/notifier-harness';

const FILE = 'C:\\Users\\ana\\AppData\\Roaming\\Loadout\\loadout.db';
const SINCE = Date.UTC(2026, 2, 14, 9, 30);
const LOCK: DatabaseLockInfo = { file: FILE, since: SINCE, waiting: 120, dropped: 0 };

const setup = startTestNotifier;

const at = (language: string) => new Intl.DateTimeFormat(language, { timeStyle: 'short' }).format(SINCE);

beforeEach(() => {
  FakeNotification.shown = [];
});

describe('the loadout.db overflow notification', () => {
  it('says nothing while records only wait, once when the oldest start being dropped, and opens the monitor on a click', () => {
    const { events, created, opened, stop } = setup('en');
    events.emit('database.lock', { lock: LOCK });
    expect(FakeNotification.shown).toEqual([]);
    events.emit('database.lock', { lock: { ...LOCK, waiting: 5000, dropped: 1 } });
    events.emit('database.lock', { lock: { ...LOCK, waiting: 5000, dropped: 40 } });
    expect(FakeNotification.shown).toEqual([
      {
        title: 'loadout.db is still locked: the oldest readings are being dropped',
        body: `Another program has held ${FILE} since ${at('en')} and the records waiting in memory passed the limit. Close that program (a database browser, a backup tool) so Loadout can write again.`,
      },
    ]);
    created[0]!.click();
    expect(opened()).toBe(1);
    stop();
  });

  it('says it again for the next lock, after the file was writable in between', () => {
    const { events, stop } = setup('en');
    events.emit('database.lock', { lock: { ...LOCK, dropped: 5 } });
    events.emit('database.lock', { lock: null });
    events.emit('database.lock', { lock: { ...LOCK, dropped: 2 } });
    expect(FakeNotification.shown).toHaveLength(2);
    stop();
  });

  it('says it in Portuguese when the UI is in Portuguese (or follows a pt-BR system)', () => {
    for (const [language, osLocale] of [
      ['pt-BR', 'en-US'],
      ['auto', 'pt-BR'],
    ] as const) {
      FakeNotification.shown = [];
      const { events, stop } = setup(language, osLocale);
      events.emit('database.lock', { lock: { ...LOCK, dropped: 9 } });
      expect(FakeNotification.shown).toEqual([
        {
          title: 'O loadout.db continua bloqueado: as leituras mais antigas estão sendo descartadas',
          body: expect.stringContaining(`Outro programa segura ${FILE} desde ${at('pt-BR')}`),
        },
      ]);
      stop();
    }
  });
});
