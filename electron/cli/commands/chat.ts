/**
 * `loadout chat "…"`: ask a question; the router picks the model (or `--model KEY`), the answer prints
 * as it streams, then how it went: model, reason, time to first token, tok/s, energy. `--json` ends
 * with one JSON line; `--explain` prints every candidate's score first. Kept in the chat history.
 */
import { formatWh } from '../../../shared/energy/format-energy';
import fs from 'node:fs';
import path from 'node:path';
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ChatError } from '../../core/chat/chat-errors';
import { latestOrFirstSample } from '../../core/presets/first-sample';
import { formatDecision, formatScores } from '../../core/routing/format-decision';
import { NoRouteError } from '../../core/routing/routed-chat';
import type { RouteDecision } from '../../../shared/routing/types';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse-args';
import { readRoutingArgs, ROUTING_OPTIONS } from '../routing-args';
import { openCliCore } from '../open-cli-core';

const usage = 'chat "PROMPT" [--image FILE]... [--model auto|KEY] [--task code|chat|quick] [--json] [--explain] [--max-tokens N] [--allow-load] [--classify] [--no-history] [--lmstudio URL]';

const IMAGE_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/** The question as an OpenAI user message: plain text, or text plus images as data URLs (routed to a vision model). */
function userMessage(prompt: string, images: string[]): ChatCompletionMessageParam {
  if (images.length === 0) return { role: 'user', content: prompt };
  const parts: ChatCompletionContentPart[] = [{ type: 'text', text: prompt }];
  for (const file of images) {
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
    if (!type) throw new UsageError(`--image ${file}: use a .png, .jpg, .webp or .gif file.`, usage);
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (error) {
      throw new UsageError(`--image ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, usage);
    }
    parts.push({ type: 'image_url', image_url: { url: `data:${type};base64,${data.toString('base64')}` } });
  }
  return { role: 'user', content: parts };
}

const fixed = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'Ask a question: routed to the best-fitting model (or --model), streamed, measured and costed.',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...ROUTING_OPTIONS,
      'no-history': { type: 'boolean' },
      classify: { type: 'boolean' },
      image: { type: 'string', multiple: true },
    }, usage, true);
    const { prompt, maxTokens, taskHint } = readRoutingArgs(values, positionals, usage, 'give the question, in quotes.');
    const question = userMessage(prompt, values.image ?? []);
    const say = (m: string) => io.stderr.write(`loadout chat: ${m}\n`);

    const core = openCliCore(io, values.lmstudio, 'chat');
    const keep = values['no-history'] !== true;
    let decided: RouteDecision | null = null;
    try {
      // Sample the GPU while the answer runs: the core's energy tracker (opened now) attributes this answer's joules.
      await latestOrFirstSample(core.hardware, 3000);
      core.energy.service();
      const routing = core.routing;
      for (const p of routing.problems) say(p);
      let streamed = false;
      const result = await routing.routedChat.ask({
        messages: [question],
        model: values.model,
        maxTokens,
        taskHint,
        signal: io.signal,
        origin: 'cli',
        // The flags turn these on for one question; without them the settings (routing.*) decide.
        policy: values['allow-load'] === true ? { allowJitLoad: true } : undefined,
        classifyWithModel: values.classify === true ? true : undefined,
        keep,
        conversationId: keep ? 'new' : undefined,
        onDecision: (d) => {
          decided = d;
          if (values.explain) io.stderr.write(formatDecision(d) + formatScores(d));
          else if (!values.json && d.choice) io.stderr.write(`→ ${d.reason}\n`);
        },
        onDelta: (t) => {
          streamed = true;
          io.stdout.write(t);
        },
      });
      const { answer, answeredBy, decision, fallbackFrom } = result;
      if (streamed) io.stdout.write('\n');
      if (fallbackFrom) say(`${fallbackFrom.modelKey} failed (${fallbackFrom.error}); ${answeredBy.modelKey} answered instead.`);
      const summary = {
        model: answeredBy.modelKey,
        reason: decision.reason,
        ttftMs: fixed(answer.ttftMs, 0),
        tokensPerSecond: fixed(answer.tokensPerSecond, 1),
        energyWh: fixed(answer.energyWh, 5),
        endpoint: answeredBy.endpointKind,
        finishReason: answer.finishReason,
        completionTokens: answer.completionTokens,
        ...(fallbackFrom ? { fallbackFrom: fallbackFrom.modelKey } : {}),
        ...(result.messageId !== null ? { messageId: result.messageId } : {}),
      };
      if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        const cloud = answeredBy.endpointKind === 'cloud' ? ' · ☁ answered by the cloud endpoint' : '';
        io.stderr.write(`${answeredBy.modelKey} · first token ${summary.ttftMs ?? '—'} ms · ${summary.tokensPerSecond ?? '—'} tok/s · ${summary.energyWh === null ? 'energy not measured' : formatWh(summary.energyWh, 'en-US')}${answer.finishReason === 'cancelled' ? ' · cancelled' : ''}${cloud}\n`);
      }
      return answer.finishReason === 'cancelled' ? 1 : 0;
    } catch (error) {
      if (error instanceof NoRouteError) {
        if (values.json) io.stdout.write(`${JSON.stringify({ model: null, reason: error.decision.reason, ttftMs: null, tokensPerSecond: null, energyWh: null, error: { code: 'no-route', message: error.message } })}\n`);
        say(error.message);
        return 1;
      }
      if (error instanceof ChatError) {
        if (error.partialText) io.stdout.write('\n');
        // The summary line still comes last with --json, carrying the error (a script reads one line, not stderr).
        if (values.json) io.stdout.write(`${JSON.stringify(failureSummary(decided, error))}\n`);
        say(error.message);
        return 1;
      }
      throw error;
    } finally {
      await core.dispose();
    }
  },
};

/** The `--json` line of an answer that failed: who was asked, why, and what went wrong; `cut` when partial text was printed. */
function failureSummary(decision: RouteDecision | null, error: ChatError) {
  return {
    model: decision?.choice?.modelKey ?? null,
    reason: decision?.reason ?? null,
    ttftMs: null,
    tokensPerSecond: null,
    energyWh: null,
    finishReason: 'error',
    cut: error.partialText !== '',
    error: { code: error.code, message: error.message, serverMessage: error.serverMessage },
    ...(error.kept ? { messageId: error.kept.messageId } : {}),
  };
}
