/**
 * `loadout route "…" [--json] [--explain]`: which model would answer this, and why, without calling a
 * model. Reads LM Studio's catalog and loaded instances (and other machines', and the cloud endpoint
 * when configured), then runs the router.
 */
import { latestOrFirstSample } from '../../core/presets/first-sample';
import { decisionToJson, formatDecision, formatScores } from '../../core/routing/format-decision';
import type { CliCommand } from '../command';
import { parseCommandArgs, positiveInt } from '../parse-args';
import { readRoutingArgs, ROUTING_OPTIONS } from '../routing-args';
import { openCliCore } from '../open-cli-core';
import { formatReason } from '../../../shared/routing/reason-text';
import { cliLocale } from './energy';

const usage =
  'route "PROMPT" [--model auto|KEY] [--task code|chat|quick] [--image N] [--max-tokens N] [--allow-load] [--explain] [--json] [--lmstudio URL]';

export const routeCommand: CliCommand = {
  name: 'route',
  summary: 'Show which model would answer a prompt and why (no model is called).',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...ROUTING_OPTIONS, image: { type: 'string' } },
      usage,
      true,
    );
    const { prompt, maxTokens, taskHint } = readRoutingArgs(
      values,
      positionals,
      usage,
      'give the prompt to route, in quotes.',
    );
    const images = positiveInt(values.image, '--image', usage) ?? 0;
    const core = openCliCore(io, values.lmstudio);
    // The table is worded in the CLI's language (the UI language setting, else the terminal's locale); --json stays as data.
    const language = cliLocale(core.settings.get().ui.language, io.env);
    try {
      if (values['allow-load']) await latestOrFirstSample(core.hardware, 3000);
      // The core's router reads the stored evidence (benchmarks, speed and 👍/👎 of past answers), so this is the
      // decision `loadout chat` would take; only from an existing loadout.db: deciding never creates it.
      const routing = core.routing;
      for (const p of routing.problems) io.stderr.write(`loadout route: ${p}\n`);
      const policy = values['allow-load'] === true ? { allowJitLoad: true } : undefined;
      const request = {
        messages: [{ role: 'user' as const, text: prompt, ...(images ? { images } : {}) }],
        model: values.model,
        maxTokens,
        taskHint,
      };
      const { decision, decisionUs } = await routing.routedChat.route(request, io.signal, {
        log: false,
        origin: 'cli',
        policy,
      });
      if (values.json) io.stdout.write(`${JSON.stringify(decisionToJson(decision, decisionUs))}\n`);
      else {
        io.stdout.write(formatDecision(decision, language));
        if (values.explain) io.stdout.write(formatScores(decision));
      }
      if (!decision.choice && !values.json)
        io.stderr.write(`loadout route: ${formatReason(decision.reasonParts, language)}\n`);
      return decision.choice ? 0 : 1;
    } finally {
      await core.dispose();
    }
  },
};
