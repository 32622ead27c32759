import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from '../../../shared/text/did-you-mean';

describe('did you mean', () => {
  it('counts a missing letter and a swap as one edit each', () => {
    expect(editDistance('aply', 'apply')).toBe(1);
    expect(editDistance('aplpy', 'apply')).toBe(1);
    expect(editDistance('chat', 'chat')).toBe(0);
    expect(editDistance('', 'bench')).toBe(5);
  });

  it('suggests the commands a typo away, nearest first, and nothing for an unrelated word', () => {
    const commands = [
      'profile',
      'monitor',
      'serve',
      'energy',
      'config',
      'models',
      'presets',
      'apply',
      'unload',
      'route',
      'chat',
      'bench',
    ];
    expect(closestNames('aply', commands)).toEqual(['apply']);
    expect(closestNames('PRESTS', commands)).toEqual(['presets']);
    expect(closestNames('modles', commands)).toEqual(['models']);
    expect(closestNames('frobnicate', commands)).toEqual([]);
    expect(closestNames('x', commands)).toEqual([]);
  });

  it('finds a setting key with two typos', () => {
    expect(closestNames('enrgy.tarif', ['energy.tariff', 'energy.currency', 'lmstudio.baseUrl'])).toEqual([
      'energy.tariff',
    ]);
  });
});
