/**
 * `loadout chat "…"`: ask a question; the router picks the model (or `--model KEY`), the answer prints
 * as it streams, then how it went: model, reason, time to first token, tok/s, energy. `--json` ends
 * with one JSON line; `--explain` prints every candidate's score first. Kept in the chat history.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ChatError } from '../../core/chat/chat-errors';
import { latestOrFirstSample } from '../../core/presets/first-sample';
import { formatDecision, formatScores } from '../../core/routing/format-decision';
import { NoRouteError } from '../../core/routing/routed-chat';
import type { RouteDecision } from '../../../shared/routing/types';
import { chatThrough, fitsOneFrame } from '../attach/chat-through';
import { attachUnlessStandalone, STANDALONE_OPTION } from '../attach/running-core';
import { chatSummary, failureSummary, noRouteSummary, printChatSummary } from '../chat-output';
import { UsageError, type CliCommand } from '../command';
import { parseCommandArgs } from '../parse-args';
import { readRoutingArgs, ROUTING_OPTIONS } from '../routing-args';
import { openCliCore } from '../open-cli-core';

const usage =
  'chat "PROMPT" [--image FILE]... [--model auto|KEY] [--task code|chat|quick] [--json] [--explain] [--max-tokens N] [--allow-load] [--classify] [--no-history] [--standalone] [--lmstudio URL]';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** The pictures as data URLs, each checked: a known image type and a readable file. */
function readImages(files: string[]): string[] {
  return files.map((file) => {
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
    if (!type) throw new UsageError(`--image ${file}: use a .png, .jpg, .webp or .gif file.`, usage);
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch (error) {
      throw new UsageError(
        `--image ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
        usage,
      );
    }
    return `data:${type};base64,${data.toString('base64')}`;
  });
}

/** The question as an OpenAI user message: plain text, or text plus images as data URLs (routed to a vision model). */
function userMessage(prompt: string, images: string[]): ChatCompletionMessageParam {
  if (images.length === 0) return { role: 'user', content: prompt };
  const parts: ChatCompletionContentPart[] = [
    { type: 'text', text: prompt },
    ...images.map((url) => ({ type: 'image_url' as const, image_url: { url } })),
  ];
  return { role: 'user', content: parts };
}

export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'Ask a question: routed to the best-fitting model (or --model), streamed, measured and costed.',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        ...ROUTING_OPTIONS,
        'no-history': { type: 'boolean' },
        classify: { type: 'boolean' },
        image: { type: 'string', multiple: true },
        ...STANDALONE_OPTION,
      },
      usage,
      true,
    );
    const { prompt, maxTokens, taskHint } = readRoutingArgs(
      values,
      positionals,
      usage,
      'give the question, in quotes.',
    );
    const images = readImages(values.image ?? []);
    const say = (m: string) => io.stderr.write(`loadout chat: ${m}\n`);
    const keep = values['no-history'] !== true;

    // With the tray app or serve running, the answer streams through it (its busy state guards the model).
    const send = {
      messages: [{ role: 'user' as const, content: prompt }],
      ...(images.length ? { images } : {}),
      model: values.model,
      maxTokens,
      taskHint,
      keep,
      origin: 'cli' as const,
      ...(keep ? { conversationId: 'new' } : {}),
      ...(values['allow-load'] ? { allowLoad: true } : {}),
      ...(values.classify ? { classify: true } : {}),
      ...(values.explain ? { explain: true } : {}),
    };
    // Pictures too large for one WebSocket frame are answered here; the busy rows in loadout.db still guard the model.
    const attached = fitsOneFrame(send) ? await attachUnlessStandalone(io, values) : null;
    if (attached) {
      try {
        return await chatThrough(attached, io, send, { json: values.json });
      } finally {
        await attached.close();
      }
    }

    const question = userMessage(prompt, images);
    const core = openCliCore(io, values.lmstudio, 'chat');
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
      if (fallbackFrom)
        say(`${fallbackFrom.modelKey} failed (${fallbackFrom.error}); ${answeredBy.modelKey} answered instead.`);
      const summary = chatSummary({
        model: answeredBy.modelKey,
        reason: decision.reason,
        ttftMs: answer.ttftMs,
        tokensPerSecond: answer.tokensPerSecond,
        energyWh: answer.energyWh,
        endpoint: answeredBy.endpointKind,
        machine: answeredBy.machine,
        finishReason: answer.finishReason,
        completionTokens: answer.completionTokens,
        fallbackFrom: fallbackFrom?.modelKey,
        messageId: result.messageId,
      });
      return printChatSummary(io, values.json, summary);
    } catch (error) {
      if (error instanceof NoRouteError) {
        if (values.json) io.stdout.write(`${JSON.stringify(noRouteSummary(error.decision.reason))}\n`);
        say(error.message);
        return 1;
      }
      if (error instanceof ChatError) {
        if (error.partialText) io.stdout.write('\n');
        // The summary line still comes last with --json, carrying the error (a script reads one line, not stderr).
        // Set in onDecision: TypeScript cannot see the callback assign it.
        const d = decided as RouteDecision | null;
        const asked = d && { model: d.choice?.modelKey ?? null, reason: d.reason };
        if (values.json)
          io.stdout.write(
            `${JSON.stringify(failureSummary(asked, { code: error.code, message: error.message, serverMessage: error.serverMessage }, error.partialText !== '', error.kept?.messageId))}\n`,
          );
        say(error.message);
        return 1;
      }
      throw error;
    } finally {
      await core.dispose();
    }
  },
};
