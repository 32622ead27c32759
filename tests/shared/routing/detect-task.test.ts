/**
 * The task detector on its own: which turn it reads, each code signal by a prompt only that signal
 * matches, the 0.6 code threshold from both sides, quick versus chat, and what the profile reports.
 */
import { describe, expect, it } from 'vitest';
import { detectTask } from '../../../shared/routing/detect-task';
import type { RouteMessage } from '../../../shared/routing/types';

const POLICY = { longContextTokens: 6000 };
const user = (text: string, images?: number): RouteMessage => ({ role: 'user', text, ...(images ? { images } : {}) });
const assistant = (text: string): RouteMessage => ({ role: 'assistant', text });
const one = (text: string) => detectTask([user(text)], POLICY);

const CODE_QUESTION = '```py\ndef total(xs):\n    return sum(xs)\n```\nWhy is this slow on big lists?';
const CODE_ANSWER = 'Use a generator:\n```py\ndef total(xs):\n    return sum(x for x in xs)\n```';

describe('which turn decides', () => {
  it('reads the last user turn: a greeting after code is not code', () => {
    const t = detectTask(
      [user(CODE_QUESTION), assistant(CODE_ANSWER), user('Thanks, that was all for today!')],
      POLICY,
    );
    expect(t.kind).toBe('quick');
    expect(t.hasCode).toBe(false);
    expect(t.signals).not.toContain('fenced code');
  });

  it('a code question after a chat is code', () => {
    const t = detectTask(
      [user('Hi there, how are you?'), assistant('Fine, thanks. How can I help?'), user(CODE_QUESTION)],
      POLICY,
    );
    expect(t.kind).toBe('code');
    expect(t.signals[0]).toBe('fenced code');
  });

  it('a weak follow-up in a code conversation is code; the same words alone are not', () => {
    const followUp = 'And why does that function return nothing?';
    const t = detectTask([user(CODE_QUESTION), assistant(CODE_ANSWER), user(followUp)], POLICY);
    expect(t.kind).toBe('code');
    expect(t.signals).toEqual(['code words (function)', 'code earlier in the conversation']);
    expect(t.confidence).toBeCloseTo(0.55 + 0.8 * 0.3, 10);
    expect(one(followUp)).toMatchObject({ kind: 'quick', hasCode: false });
  });

  it('code only the assistant wrote counts as earlier code too, and so does an unfenced stack trace', () => {
    const followUp = 'Which function should I change?';
    expect(detectTask([user('Give me an example'), assistant(CODE_ANSWER), user(followUp)], POLICY).kind).toBe('code');
    const trace = 'Traceback (most recent call last):\n  File "app.py", line 9, in <module>\nKeyError: \'id\'';
    const t = detectTask([user(trace), assistant('The dict has no "id" key.'), user(followUp)], POLICY);
    expect(t.kind).toBe('code');
    expect(t.signals).toContain('code earlier in the conversation');
  });

  it('code in the system prompt is not conversation', () => {
    const t = detectTask(
      [{ role: 'system', text: 'Format answers like\n```\nthis\n```' }, user('Which function should I change?')],
      POLICY,
    );
    expect(t.kind).toBe('quick');
    expect(t.signals).not.toContain('code earlier in the conversation');
  });

  it('only the last four earlier turns count', () => {
    const chatter = [user('ok'), assistant('Anything else?'), user('one more thing'), assistant('Sure.')];
    const recent = detectTask(
      [user(CODE_QUESTION), ...chatter.slice(1), user('Which function should I change?')],
      POLICY,
    );
    expect(recent.kind).toBe('code');
    const old = detectTask([user(CODE_QUESTION), ...chatter, user('Which function should I change?')], POLICY);
    expect(old.kind).toBe('quick');
  });

  it('earlier code is not added when the last turn is code already', () => {
    const t = detectTask(
      [user(CODE_QUESTION), assistant(CODE_ANSWER), user('Would `total_sum(xs)` be faster?')],
      POLICY,
    );
    expect(t.signals).toEqual(['inline code', 'code identifier']);
    expect(t.confidence).toBeCloseTo(0.55 + 0.6 * 0.3, 10);
  });

  it('language and word count come from the last turn', () => {
    const t = detectTask(
      [
        user('Please explain what this code does in English, thank you very much for the help'),
        assistant('Sure.'),
        user('Qual é a capital do Brasil?'),
      ],
      POLICY,
    );
    expect(t.language).toBe('pt-BR');
    expect(t.signals).toEqual(['short (6 words)']);
  });

  it('a conversation with no user turn reads as empty', () => {
    expect(detectTask([assistant('Hello! Ask me anything.')], POLICY)).toMatchObject({
      kind: 'quick',
      signals: ['short (0 words)'],
    });
  });
});

describe('each code signal, alone', () => {
  // A prompt that only this signal matches (one regex alternative each), so a broken alternative shows.
  const alone: Array<[string, string | string[]]> = [
    ['```\nhello there\n```', 'fenced code'],
    ['~~~\nhello there\n~~~', 'fenced code'],
    ['Traceback (most recent call last)', 'stack trace'],
    ['  File "main", line 3', 'stack trace'],
    ['    at render (App:12:18)', 'stack trace'],
    ['Exception in thread "main"', ['stack trace', 'code words (exception)']],
    ['thread main panicked at the end', 'stack trace'],
    ['Segmentation fault (core dumped)', 'stack trace'],
    ['got ValueError here', 'stack trace'],
    ['error CS1002 on line four', 'stack trace'],
    ['error TS2345 again', 'stack trace'],
    ['error[E0382] again', 'stack trace'],
    // A Node frame without a function name has no parentheses.
    ['    at /srv/app/index:10:5', 'stack trace'],
    ['Look at notes.py please', 'file name'],
    ['from os import path', 'code syntax'],
    ['when (ready){', 'code syntax'],
    ['print(1);  ', 'code syntax'],
    ['handler(event):', 'code syntax'],
    ['handler(event) :', 'code syntax'],
    ['x => y', 'code syntax'],
    ['def total', 'code syntax'],
    ['if (ready) {', 'code syntax'],
    ['print(1);', 'code syntax'],
    ['what does `ls -la` print', 'inline code'],
    ['what does getElementById return', 'code identifier'],
    ['what is max_tokens', 'code identifier'],
    ['DELETE FROM orders', 'SQL statement'],
    ['INSERT INTO orders', 'SQL statement'],
    ['ALTER TABLE orders', 'SQL statement'],
    ['UPDATE orders SET', 'SQL statement'],
    ['CREATE INDEX', 'SQL statement'],
    // At the start of a line a SELECT is code syntax too.
    ['SELECT name FROM people', ['code syntax', 'SQL statement']],
    ['please SELECT name FROM people', 'SQL statement'],
    // SQL as people format it, over several lines.
    ['INSERT\n  INTO orders', 'SQL statement'],
    ['UPDATE\n  orders\n  SET paid = 1', 'SQL statement'],
    ['DELETE\n  FROM orders', 'SQL statement'],
    ['CREATE\n  TABLE orders', 'SQL statement'],
    ['ALTER\n  TABLE orders', 'SQL statement'],
    ['What is kubernetes?', 'code words (kubernetes)'],
  ];
  for (const [prompt, signal] of alone) {
    it(`${JSON.stringify(prompt)} → ${String(signal)} only`, () => {
      expect(one(prompt).signals.filter((s) => !s.startsWith('short ') && s !== 'asks for detail')).toEqual(
        [signal].flat(),
      );
    });
  }

  it('plain prose matches none', () => {
    const prose = [
      'What time is it in Lisbon?',
      'Error in my tax return, what now?',
      'My file is at home',
      'Use a semicolon; it helps.\nThen stop.',
      // Stack-trace words only where a trace has them: a frame line ends at its location, "File" starts a line, codes have four digits.
      '  at 10:30:15 the backup started',
      'Open the File "notes", line 3 has the total',
      'error TS1 on the form',
      // Code keywords only at the start of a line.
      'Outlet covers are cheap',
    ];
    for (const text of prose) {
      expect(one(text).signals.filter((s) => !s.startsWith('short '))).toEqual([]);
    }
  });

  it('lists at most three code words', () => {
    expect(one('python numpy pandas docker').signals).toEqual(['code words (python, numpy, pandas)']);
  });
});

describe('the 0.6 code threshold', () => {
  const cases: Array<[string, boolean]> = [
    ['What is kubernetes?', true], // one strong word: 0.6
    ['Is this a bug or a debug leftover?', true], // two weak words: 0.3 + 0.3
    ['what does `x` mean in getElementById', false], // one-char inline code is not code: identifier 0.3
    ['what does `xs` mean in getElementById', true], // inline 0.3 + identifier 0.3
    ['Is this a bug?', false], // one weak word: 0.3
    ['Look at notes.py please', false], // file name: 0.5
    ['Look at notes.py for the bug', true], // file name 0.5 + weak word 0.3
    ['x => y', false], // code syntax: 0.5
  ];
  for (const [prompt, code] of cases) {
    it(`${JSON.stringify(prompt)} is ${code ? '' : 'not '}code`, () => {
      const t = one(prompt);
      expect(t.hasCode).toBe(code);
      expect(t.kind === 'code').toBe(code);
    });
  }
});

describe('kind, confidence and budget', () => {
  it('code confidence grows with the evidence and stops at 1', () => {
    expect(one('What is kubernetes?').confidence).toBeCloseTo(0.55 + 0.6 * 0.3, 10);
    expect(one('```\nhello there\n```').confidence).toBeCloseTo(0.85, 10);
    expect(one('```\nTraceback (most recent call last)\n```').confidence).toBe(1);
    // Many code words weigh at most 1 together.
    expect(one('bug debug compile lint').confidence).toBeCloseTo(0.85, 10);
  });

  it('quick: at most 15 words and no request for detail, or an explicit "quick"', () => {
    const fifteen = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen';
    expect(one(fifteen)).toMatchObject({
      kind: 'quick',
      confidence: 0.8,
      signals: ['short (15 words)'],
      answerBudget: 512,
    });
    expect(one(`${fifteen} sixteen`)).toMatchObject({ kind: 'chat', confidence: 0.7, signals: [], answerBudget: 1024 });
    expect(one('Explain inflation')).toMatchObject({ kind: 'chat', signals: ['asks for detail'] });
    expect(one(`${fifteen} sixteen, briefly`).kind).toBe('quick');
    // Tabs and line breaks separate words as spaces do.
    expect(one('one\ttwo\nthree  four').signals).toEqual(['short (4 words)']);
  });

  it('a weak code hint lowers the confidence of a quick or chat verdict', () => {
    expect(one('Is this a bug?').confidence).toBe(0.5);
    expect(one('Explain why this bug happens when the moon is full and the tide is very high tonight').confidence).toBe(
      0.45,
    );
  });

  it('an explicit answer budget wins; zero or none means the default for the kind', () => {
    expect(detectTask([user('```\nx\n```')], POLICY, 300).answerBudget).toBe(300);
    expect(detectTask([user('```\nx\n```')], POLICY, 0).answerBudget).toBe(2048);
    expect(detectTask([user('```\nx\n```')], POLICY, -1).answerBudget).toBe(2048);
    expect(detectTask([user('```\nx\n```')], POLICY).answerBudget).toBe(2048);
  });

  it('images make it vision, counted in the signal', () => {
    expect(detectTask([user('what is this?', 1)], POLICY)).toMatchObject({
      kind: 'vision',
      confidence: 1,
      signals: ['image attached'],
      answerBudget: 1024,
    });
    expect(detectTask([user('and these?', 1), assistant('A cat.'), user('now?', 1)], POLICY).signals[0]).toBe(
      '2 images attached',
    );
  });

  it('prompt tokens count every message; over the policy limit it is long-context', () => {
    const t = detectTask([user('a'.repeat(35)), assistant('b'.repeat(7))], POLICY);
    expect(t.promptTokens).toBe(10 + 4 + 2 + 4);
    const limit = { longContextTokens: 20 };
    expect(detectTask([user('a'.repeat(35)), assistant('b'.repeat(7))], limit).kind).toBe('quick');
    const long = detectTask([user('a'.repeat(35)), assistant('b'.repeat(10))], limit);
    expect(long).toMatchObject({ kind: 'long-context', confidence: 0.9, answerBudget: 1024 });
    expect(long.signals[0]).toBe('0k tokens');
    expect(detectTask([user('word '.repeat(7000))], POLICY).signals[0]).toBe('10k tokens');
  });

  it('reads a prompt of up to 2,000 characters whole, without a seam', () => {
    // A seam after character 1,000 would put a line break after this semicolon and read it as code.
    for (const length of [1500, 2000]) {
      const text = `${'x'.repeat(998)} ;${'y'.repeat(length - 1000)}`;
      expect(text).toHaveLength(length);
      expect(one(text).signals).not.toContain('code syntax');
    }
  });

  it('reads the head and tail of a long prompt, not a pasted middle', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(60);
    const middle = detectTask(
      [user(`Summarize this text.\n${filler}\n\`\`\`\nhello\n\`\`\`\n${filler}\nThanks.`)],
      POLICY,
    );
    expect(middle.signals).not.toContain('fenced code');
    const tail = detectTask([user(`Summarize this text.\n${filler}${filler}\n\`\`\`\nhello\n\`\`\``)], POLICY);
    expect(tail.signals).toContain('fenced code');
  });
});
