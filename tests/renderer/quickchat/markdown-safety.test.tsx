// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import MarkdownAnswer, { safeUrlTransform } from '../../../renderer/src/quickchat/markdown-answer';

afterEach(cleanup);

describe('model output rendered as Markdown', () => {
  it('shows raw HTML as text: no script, no img with onerror', () => {
    const onOpen = vi.fn();
    const { container } = render(
      <MarkdownAnswer
        text={'Before <script>window.pwned = 1</script> and <img src=x onerror="window.pwned=2"> after'}
        onOpenLink={onOpen}
      />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('<script>window.pwned = 1</script>');
    expect(container.textContent).toContain('<img src=x onerror="window.pwned=2">');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('renders Markdown structure (lists, code blocks)', () => {
    const { container } = render(
      <MarkdownAnswer text={'- one\n- **two**\n\n```python\nprint("hi")\n```'} onOpenLink={() => {}} />,
    );
    expect(container.querySelectorAll('li')).toHaveLength(2);
    expect(container.querySelector('strong')?.textContent).toBe('two');
    expect(container.querySelector('pre code')?.textContent).toContain('print("hi")');
  });

  it('drops javascript: and data: links and opens http(s) ones through the API, not by navigation', () => {
    const onOpen = vi.fn();
    const { getByText } = render(
      <MarkdownAnswer
        text={'[bad](javascript:alert(1)) [data](data:text/html,hi) [good](https://lmstudio.ai/docs)'}
        onOpenLink={onOpen}
      />,
    );
    expect(getByText('bad').getAttribute('href')).toBeNull();
    expect(getByText('data').getAttribute('href')).toBeNull();
    const good = getByText('good');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    fireEvent(good, click);
    expect(click.defaultPrevented).toBe(true);
    expect(onOpen).toHaveBeenCalledWith('https://lmstudio.ai/docs');
  });

  it('never loads images from model output: they become links', () => {
    const onOpen = vi.fn();
    const { container, getByText } = render(
      <MarkdownAnswer text={'![tracker](https://evil.example/pixel.png)'} onOpenLink={onOpen} />,
    );
    expect(container.querySelector('img')).toBeNull();
    fireEvent.click(getByText('tracker'));
    expect(onOpen).toHaveBeenCalledWith('https://evil.example/pixel.png');
  });

  it('keeps only http(s) URLs and in-page anchors', () => {
    expect(safeUrlTransform('https://a.b/c')).toBe('https://a.b/c');
    expect(safeUrlTransform('http://127.0.0.1:1234')).toBe('http://127.0.0.1:1234');
    expect(safeUrlTransform('#section')).toBe('#section');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'file:///etc/passwd',
      'vbscript:x',
      'relative/path',
      '',
    ])
      expect(safeUrlTransform(bad)).toBe('');
  });
});
