import { describe, expect, it } from 'vitest';
import { clashMessage } from '../../../electron/cli/commands/presets';

describe('presets import clash message', () => {
  it('agrees in number with the ids that exist already', () => {
    expect(clashMessage(['dev'], 'dev.json')).toBe(
      'a preset "dev" already exists; nothing was imported. Add --replace to overwrite it, or change its "id" in dev.json to import it as a new preset.',
    );
    expect(clashMessage(['dev', 'light'], 'mine.json')).toBe(
      'presets "dev", "light" already exist; nothing was imported. Add --replace to overwrite them, or change their "id" in mine.json to import them as new presets.',
    );
  });
});
