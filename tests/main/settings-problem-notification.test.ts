/** A hand edit broke config.json: the tray app says so in one notification, naming the field, in the UI's language; a click opens the monitor. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { SettingsProblemInfo } from '../../shared/contract';
import { FakeNotification } from '../support/electron-fakes';
import { startTestNotifier } from '../support/notifier-harness';

const PROBLEM: SettingsProblemInfo = {
  file: 'C:\\Users\\ana\\AppData\\Roaming\\Loadout\\config.json',
  paths: ['energy.tariff'],
  detail: 'energy.tariff: expected a number (found text); ui.theme: expected one of "system", "light" (and 2 more)',
  issues: [
    { kind: 'wrong-type', path: 'energy.tariff', expected: 'number', found: 'text' },
    { kind: 'not-one-of', path: 'ui.theme', values: ['"system"', '"light"'] },
  ],
  more: 2,
  message:
    'Settings file config.json has a problem: energy.tariff: expected a number (found text). Loadout keeps the last good settings.',
};

const setup = startTestNotifier;

beforeEach(() => {
  FakeNotification.shown = [];
});

describe('the settings-problem notification', () => {
  it('names the field and the file, says the last good settings stay in use, and opens the monitor on a click', () => {
    const { events, created, opened, stop } = setup('en');
    events.emit('settings.problem', { problem: PROBLEM });
    expect(FakeNotification.shown).toEqual([
      {
        title: 'config.json has a problem; the last good settings stay in use',
        body: `${PROBLEM.detail}. Fix ${PROBLEM.file} (or use Presets & settings); Loadout reads it again when it changes.`,
      },
    ]);
    created[0]!.click();
    expect(opened()).toBe(1);
    stop();
  });

  it('says it in Portuguese when the UI is in Portuguese (or follows a pt-BR system)', () => {
    for (const [language, osLocale] of [
      ['pt-BR', 'en-US'],
      ['auto', 'pt-BR'],
    ] as const) {
      FakeNotification.shown = [];
      const { events, stop } = setup(language, osLocale);
      events.emit('settings.problem', { problem: PROBLEM });
      expect(FakeNotification.shown).toEqual([
        expect.objectContaining({
          title: 'O config.json tem um problema; as últimas configurações válidas continuam em uso',
          body: expect.stringMatching(
            /^energy\.tariff: esperava um número \(encontrou texto\); ui\.theme: esperava um destes: "system", "light" \(e mais 2\)\. Corrija /,
          ),
        }),
      ]);
      stop();
    }
  });

  it("keeps an older core's English detail where it sends no issues", () => {
    const { events, stop } = setup('pt-BR');
    events.emit('settings.problem', { problem: { ...PROBLEM, issues: undefined, more: undefined } });
    expect(FakeNotification.shown[0]?.body).toMatch(/^energy\.tariff: expected a number \(found text\);/);
    stop();
  });

  it('says nothing when the file is fixed (problem: null)', () => {
    const { events, stop } = setup('en');
    events.emit('settings.problem', { problem: null });
    expect(FakeNotification.shown).toEqual([]);
    stop();
  });
});
