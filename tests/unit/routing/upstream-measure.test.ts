/** Routing reasons travel in HTTP headers, which Node limits to Latin-1. */
import { describe, expect, it } from 'vitest';
import { headerSafe } from '../../../electron/core/routing/upstream-measure';

describe('headerSafe', () => {
  it('keeps the reason readable in an HTTP header', () => {
    expect(headerSafe('code detected → qwen2.5-coder-14b, loaded, 👍3 👎1 for code, 4.5★ benchmark')).toBe('code detected -> qwen2.5-coder-14b, loaded, +3 -1 for code, 4.5 stars benchmark');
    expect(headerSafe('general chat → ☁ cloud gpt-4.1 on Café')).toBe('general chat -> cloud gpt-4.1 on Caf%C3%A9');
  });
});
