/**
 * `loadout route "…" [--json] [--explain]`: which model would answer this, and why, without calling a
 * model. Reads LM Studio's catalog and loaded instances (and other machines', and the cloud endpoint
 * when configured), then runs the router.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readStoredBenchSamples } from '../../core/bench/stored-bench-samples';
import { tryOpenChatStore } from '../../core/chat/open-chat-store';
import { DATABASE_FILE } from '../../core/db/open-database';
import { latestOrFirstSample } from '../../core/presets/first-sample';
import { routingFromCore } from '../../core/routing/routing-from-core';
import { decisionToJson, formatDecision, formatScores } from '../../core/routing/format-decision';
import type { CliCommand } from '../command';
import { parseCommandArgs, positiveInt } from '../parse-args';
import { readRoutingArgs, ROUTING_OPTIONS } from '../routing-args';
import { openCliCore } from '../open-cli-core';
import { formatReason } from '../../../shared/routing/reason-text';
import { cliLocale } from './energy';

const usage = 'route "PROMPT" [--model auto|KEY] [--task code|chat|quick] [--image N] [--max-tokens N] [--allow-load] [--explain] [--json] [--lmstudio URL]';

export const routeCommand: CliCommand = {
  name: 'route',
  summary: 'Show which model would answer a prompt and why (no model is called).',
  usage,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...ROUTING_OPTIONS, image: { type: 'string' } }, usage, true);
    const { prompt, maxTokens, taskHint } = readRoutingArgs(values, positionals, usage, 'give the prompt to route, in quotes.');
    const images = positiveInt(values.image, '--image', usage) ?? 0;
    const core = openCliCore(io, values.lmstudio);
    const say = (m: string) => io.stderr.write(`loadout route: ${m}\n`);
    // The table is worded in the CLI's language (the UI language setting, else the terminal's locale); --json stays as data.
    const language = cliLocale(core.settings.get().ui.language, io.env);
    // The stored evidence (benchmarks, speed and 👍/👎 of past answers) makes this the decision `loadout chat`
    // would take; read only from an existing loadout.db: deciding never creates it.
    const hasDatabase = fs.existsSync(path.join(core.dataDir, DATABASE_FILE));
    const benchmarks = hasDatabase ? readStoredBenchSamples(core.dataDir, say) : [];
    const history = hasDatabase ? tryOpenChatStore(core.dataDir, say) : { store: null, close: () => {} };
    try {
      if (values['allow-load']) await latestOrFirstSample(core.hardware, 3000);
      const routing = routingFromCore(core, {
        env: io.env, origin: 'cli', store: history.store, benchmarks: () => benchmarks,
        policy: values['allow-load'] === true ? { allowJitLoad: true } : undefined,
      });
      for (const p of routing.problems) io.stderr.write(`loadout route: ${p}\n`);
      const { decision, decisionUs } = await routing.routedChat.route({ messages: [{ role: 'user', text: prompt, ...(images ? { images } : {}) }], model: values.model, maxTokens, taskHint }, io.signal, false);
      if (values.json) io.stdout.write(`${JSON.stringify(decisionToJson(decision, decisionUs))}\n`);
      else {
        io.stdout.write(formatDecision(decision, language));
        if (values.explain) io.stdout.write(formatScores(decision));
      }
      if (!decision.choice && !values.json) io.stderr.write(`loadout route: ${formatReason(decision.reasonParts, language)}\n`);
      return decision.choice ? 0 : 1;
    } finally {
      history.close();
      await core.dispose();
    }
  },
};
