/**
 * What each scoring weight is for, as orderings over generated model sets: two "twins" equal in all but
 * one trait, among random rivals, for random tasks. The expected winner always has the later key, so a
 * weight that stops counting (a tie) fails as surely as one with the wrong sign.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ModelEvidence, TaskProfile } from '../../../shared/routing/types';
import {
  OTHER_PARAMS,
  RUNS,
  TINY_PARAMS,
  catalogModel,
  localEndpoint,
  rankOf,
  rivalsArb,
  score,
  specArb,
  taskArb,
  totalOf,
  twinKeys,
  type ModelSpec,
} from '../../support/arbitrary-models';

const both = (keys: { winner: string; loser: string }, ev: ModelEvidence | undefined) =>
  ev ? { [keys.winner]: ev, [keys.loser]: ev } : undefined;

describe('loaded, local, idle', () => {
  it('at equal quality, a loaded model beats one that must load, and loading counts against it', () => {
    fc.assert(
      fc.property(specArb, taskArb(), rivalsArb, (spec, task, rivals) => {
        const k = twinKeys(spec);
        const scores = score(task, {
          endpoints: [
            localEndpoint([
              ...rivals,
              catalogModel(k.loser, spec, false),
              catalogModel(k.winner, spec, { ctx: spec.maxCtx }),
            ]),
          ],
          evidence: both(k, spec.evidence),
        });
        expect(rankOf(scores, k.winner)).toBeLessThan(rankOf(scores, k.loser));
        expect(scores[rankOf(scores, k.loser)]!.parts.loaded).toBeLessThan(0);
      }),
      RUNS,
    );
  });

  it('local beats the same model on another machine, loaded or not', () => {
    fc.assert(
      fc.property(specArb, taskArb(), fc.boolean(), (spec, task, loaded) => {
        const m = catalogModel('twin-chat', spec, loaded ? { ctx: spec.maxCtx } : false);
        // The remote endpoint is listed first: only its penalty can put it second.
        const scores = score(task, {
          endpoints: [
            { id: 'ws2', label: 'workstation-2', kind: 'remote', reachable: true, jit: true, models: [m] },
            localEndpoint([m]),
          ],
          evidence: spec.evidence ? { 'twin-chat': spec.evidence } : undefined,
        });
        expect(rankOf(scores, 'twin-chat', 'local')).toBeLessThan(rankOf(scores, 'twin-chat', 'ws2'));
      }),
      RUNS,
    );
  });

  it('an idle instance beats a busy one, and a known context beats an unknown one', () => {
    fc.assert(
      fc.property(specArb, taskArb(), fc.constantFrom('busy', 'context'), (spec, task, what) => {
        const k = twinKeys(spec);
        const loser = what === 'busy' ? { ctx: spec.maxCtx, status: 'generating' as const } : { ctx: null };
        const scores = score(task, {
          endpoints: [
            localEndpoint([catalogModel(k.loser, spec, loser), catalogModel(k.winner, spec, { ctx: spec.maxCtx })]),
          ],
          evidence: both(k, spec.evidence),
        });
        expect(rankOf(scores, k.winner)).toBeLessThan(rankOf(scores, k.loser));
      }),
      RUNS,
    );
  });
});

/** Twins that differ only in their measured evidence. */
function withEvidence(spec: ModelSpec, task: TaskProfile, winner: ModelEvidence, loser: ModelEvidence) {
  const k = twinKeys(spec);
  const scores = score(task, {
    endpoints: [
      localEndpoint([
        catalogModel(k.loser, spec, { ctx: spec.maxCtx }),
        catalogModel(k.winner, spec, { ctx: spec.maxCtx }),
      ]),
    ],
    evidence: { [k.winner]: winner, [k.loser]: loser },
  });
  return {
    scores,
    gap: totalOf(scores, k.winner) - totalOf(scores, k.loser),
    winnerRank: rankOf(scores, k.winner),
    loserRank: rankOf(scores, k.loser),
  };
}

describe('what this machine measured', () => {
  // At least 300 ms apart, under the 3 s where the first-token cost stops growing.
  const ttftPair = fc
    .tuple(fc.integer({ min: 20, max: 2600 }), fc.integer({ min: 300, max: 2900 }))
    .filter(([a, d]) => a + d < 3000);

  it('the faster first token wins, and weighs more on a quick question than on any other', () => {
    fc.assert(
      fc.property(specArb, taskArb(), ttftPair, (spec, task, [fast, d]) => {
        const run = (kind: TaskProfile['kind']) =>
          withEvidence(spec, { ...task, kind }, { ttftMs: fast }, { ttftMs: fast + d });
        const here = run(task.kind);
        expect(here.winnerRank).toBeLessThan(here.loserRank);
        if (task.kind !== 'quick') expect(run('quick').gap).toBeGreaterThan(here.gap);
      }),
      RUNS,
    );
  });

  it('past 3 s a slower first token costs no more (one slow start does not bury a model)', () => {
    fc.assert(
      fc.property(
        specArb,
        taskArb(),
        fc.integer({ min: 3000, max: 60_000 }),
        fc.integer({ min: 3000, max: 60_000 }),
        (spec, task, a, b) => {
          expect(withEvidence(spec, task, { ttftMs: a }, { ttftMs: b }).gap).toBe(0);
        },
      ),
      RUNS,
    );
  });

  // Between 4 and 100 tok/s, at least 25 % apart: where speed still earns points.
  const tpsPair = fc
    .tuple(fc.double({ min: 4, max: 80, noNaN: true }), fc.double({ min: 1.25, max: 25, noNaN: true }))
    .filter(([a, r]) => a * r <= 100);

  it('the faster measured generation wins, and weighs more on a quick question', () => {
    fc.assert(
      fc.property(specArb, taskArb(), tpsPair, (spec, task, [slow, ratio]) => {
        const run = (kind: TaskProfile['kind']) =>
          withEvidence(spec, { ...task, kind }, { tokensPerSecond: slow * ratio }, { tokensPerSecond: slow });
        const here = run(task.kind);
        expect(here.winnerRank).toBeLessThan(here.loserRank);
        if (task.kind !== 'quick') expect(run('quick').gap).toBeGreaterThan(here.gap);
      }),
      RUNS,
    );
  });

  it('speed stops counting above ~100 tok/s and below ~4 tok/s, so it never outweighs quality on its own', () => {
    const band = (min: number, max: number) => fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(
        specArb,
        taskArb(),
        fc.oneof(fc.tuple(band(101, 5000), band(101, 5000)), fc.tuple(band(0.01, 3.9), band(0.01, 3.9))),
        (spec, task, [a, b]) => {
          expect(withEvidence(spec, task, { tokensPerSecond: a }, { tokensPerSecond: b }).gap).toBe(0);
        },
      ),
      RUNS,
    );
  });

  it("the user's 👍 for this task lift a model; ratings for another task do not", () => {
    fc.assert(
      fc.property(specArb, taskArb(), fc.integer({ min: 1, max: 9 }), (spec, task, n) => {
        const liked = withEvidence(
          spec,
          task,
          { ratings: { [task.kind]: { up: n, down: 0 } } },
          { ratings: { [task.kind]: { up: 0, down: n } } },
        );
        expect(liked.winnerRank).toBeLessThan(liked.loserRank);
        const other = task.kind === 'chat' ? 'code' : 'chat';
        expect(withEvidence(spec, task, { ratings: { [other]: { up: n, down: 0 } } }, {}).gap).toBe(0);
      }),
      RUNS,
    );
  });

  it('more benchmark stars win, per task or for any task; no run counts for nothing', () => {
    fc.assert(
      fc.property(
        specArb,
        taskArb(),
        fc.constantFrom('task', 'any'),
        fc.integer({ min: 1, max: 4 }),
        (spec, task, which, mean) => {
          const stars = (m: number, count = 1) => ({
            stars: { [which === 'task' ? task.kind : 'any']: { mean: m, count } },
          });
          const s = withEvidence(spec, task, stars(mean + 1), stars(mean));
          expect(s.winnerRank).toBeLessThan(s.loserRank);
          expect(withEvidence(spec, task, stars(5, 0), {}).gap).toBe(0);
        },
      ),
      RUNS,
    );
  });

  it('stars are trusted more after two runs than after one, and no more after that', () => {
    fc.assert(
      fc.property(specArb, taskArb(), fc.constantFrom(1, 2, 4, 5), (spec, task, mean) => {
        const stars = (count: number) => ({ stars: { any: { mean, count } } });
        const twoVsOne = withEvidence(spec, task, stars(2), stars(1)).gap;
        // Good stars lift more with more runs; bad stars sink more.
        expect(mean > 3 ? twoVsOne : -twoVsOne).toBeGreaterThan(0);
        expect(withEvidence(spec, task, stars(5), stars(2)).gap).toBe(0);
      }),
      RUNS,
    );
  });

  it('more 👍 for the task lift more', () => {
    fc.assert(
      fc.property(specArb, taskArb(), fc.integer({ min: 1, max: 8 }), (spec, task, n) => {
        const up = (k: number) => ({ ratings: { [task.kind]: { up: k, down: 0 } } });
        expect(withEvidence(spec, task, up(n + 1), up(n)).winnerRank).toBeLessThan(
          withEvidence(spec, task, up(n + 1), up(n)).loserRank,
        );
        expect(withEvidence(spec, task, up(1), {}).gap).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

describe('the right family for the task', () => {
  /** Twins built from two specs that differ in one capability or size; `winner` should rank first. */
  function twins(spec: ModelSpec, task: TaskProfile, winner: ModelSpec, loser: ModelSpec) {
    const k = twinKeys(spec);
    const winnerKey = `${k.winner}-x`;
    const loserKey = `${k.loser}-x`;
    const scores = score(task, {
      endpoints: [
        localEndpoint([
          catalogModel(loserKey, loser, { ctx: spec.maxCtx }),
          catalogModel(winnerKey, winner, { ctx: spec.maxCtx }),
        ]),
      ],
    });
    return {
      winnerRank: rankOf(scores, winnerKey),
      loserRank: rankOf(scores, loserKey),
      gap: totalOf(scores, winnerKey) - totalOf(scores, loserKey),
    };
  }
  const coderKeyed = (spec: ModelSpec, coder: boolean, t: TaskProfile) => {
    // The family is in the key: build both twins with explicit keys.
    const a = catalogModel(coder ? 'twin-b-coder' : 'twin-b-chat', spec, { ctx: spec.maxCtx });
    const b = catalogModel(coder ? 'twin-a-chat' : 'twin-a-coder', spec, { ctx: spec.maxCtx });
    const scores = score(t, { endpoints: [localEndpoint([b, a])] });
    return {
      winnerRank: rankOf(scores, a.key),
      loserRank: rankOf(scores, b.key),
      gap: totalOf(scores, a.key) - totalOf(scores, b.key),
    };
  };

  it('a reasoning model loses on a quick question, and only there', () => {
    fc.assert(
      fc.property(specArb, taskArb(), (spec, task) => {
        const quick = twins(
          spec,
          { ...task, kind: 'quick' },
          { ...spec, reasoning: false },
          { ...spec, reasoning: true },
        );
        expect(quick.winnerRank).toBeLessThan(quick.loserRank);
        if (task.kind !== 'quick')
          expect(twins(spec, task, { ...spec, reasoning: false }, { ...spec, reasoning: true }).gap).toBe(0);
      }),
      RUNS,
    );
  });

  it('in pt-BR a tiny model (under 3B) loses points that it keeps in English; 3B and up lose nothing', () => {
    fc.assert(
      fc.property(
        specArb,
        taskArb(),
        fc.constantFrom(...TINY_PARAMS),
        fc.constantFrom(...OTHER_PARAMS, null),
        (spec, task, tiny, other) => {
          const scoreIn = (language: TaskProfile['language'], params: string | null) => {
            const m = catalogModel('twin-chat', { ...spec, params }, { ctx: spec.maxCtx });
            return totalOf(score({ ...task, language }, { endpoints: [localEndpoint([m])] }), 'twin-chat');
          };
          expect(scoreIn('pt-BR', tiny)).toBeLessThan(scoreIn('en', tiny));
          expect(scoreIn('unknown', tiny)).toBe(scoreIn('en', tiny));
          expect(scoreIn('pt-BR', other)).toBe(scoreIn('en', other));
        },
      ),
      RUNS,
    );
  });

  it('code goes to a coder, chat to a generalist, a quick non-code question away from a coder', () => {
    fc.assert(
      fc.property(specArb, taskArb(), (spec, task) => {
        const code = coderKeyed(spec, true, { ...task, kind: 'code' });
        expect(code.winnerRank).toBeLessThan(code.loserRank);
        const chat = coderKeyed(spec, false, { ...task, kind: 'chat' });
        expect(chat.winnerRank).toBeLessThan(chat.loserRank);
        const quick = coderKeyed(spec, false, { ...task, kind: 'quick', hasCode: false });
        expect(quick.winnerRank).toBeLessThan(quick.loserRank);
        // With code in a quick question or a long document, the coder is no worse off.
        expect(coderKeyed(spec, true, { ...task, kind: 'quick', hasCode: true }).gap).toBe(0);
        const longCode = coderKeyed(spec, true, { ...task, kind: 'long-context', hasCode: true });
        expect(longCode.winnerRank).toBeLessThan(longCode.loserRank);
        expect(coderKeyed(spec, true, { ...task, kind: 'long-context', hasCode: false }).gap).toBe(0);
      }),
      RUNS,
    );
  });

  it('a long document goes to a long-context family, and to an instance with room to spare', () => {
    fc.assert(
      fc.property(specArb, taskArb(['long-context']), (spec, task) => {
        const long = twins(spec, task, { ...spec, maxCtx: 131072 }, { ...spec, maxCtx: 32768 });
        expect(long.winnerRank).toBeLessThan(long.loserRank);
        const k = twinKeys(spec);
        const needed = task.promptTokens + task.answerBudget;
        const scores = score(task, {
          endpoints: [
            localEndpoint([
              catalogModel(k.loser, spec, { ctx: needed * 2 - 1 }),
              catalogModel(k.winner, spec, { ctx: needed * 2 }),
            ]),
          ],
        });
        expect(rankOf(scores, k.winner)).toBeLessThan(rankOf(scores, k.loser));
      }),
      RUNS,
    );
  });

  it('off quick questions size is the quality prior: of two unmeasured models of one family, the bigger wins', () => {
    const sizes = fc
      .uniqueArray(fc.constantFrom(...TINY_PARAMS, ...OTHER_PARAMS), { minLength: 2, maxLength: 2 })
      .map((xs) => [...xs].sort((a, b) => parseFloat(a) - parseFloat(b)) as [string, string]);
    fc.assert(
      fc.property(specArb, taskArb(['code', 'chat', 'long-context', 'vision']), sizes, (spec, task, [small, big]) => {
        const plain = { ...spec, vision: true, evidence: undefined };
        const r = twins(plain, task, { ...plain, params: big }, { ...plain, params: small });
        expect(r.winnerRank).toBeLessThan(r.loserRank);
      }),
      RUNS,
    );
  });

  it('for a quick question a small model gains and a very large one loses, against an unknown size', () => {
    fc.assert(
      fc.property(
        specArb,
        taskArb(['quick']),
        fc.constantFrom(...TINY_PARAMS, '3B', '7B', '8B'),
        fc.constantFrom('32B', '70B'),
        (spec, task, small, large) => {
          const k = twinKeys(spec);
          const parts = (params: string | null) =>
            score(task, {
              endpoints: [localEndpoint([catalogModel(k.winner, { ...spec, params }, { ctx: spec.maxCtx })])],
            })[0]!.parts;
          expect(parts(small).family ?? 0).toBeGreaterThan(parts(null).family ?? 0);
          expect(parts(large).family ?? 0).toBeLessThan(parts(null).family ?? 0);
          // Between small and very large, size earns and costs nothing here.
          for (const mid of ['12B', '14B', '20B']) expect(parts(mid).family ?? 0).toBe(parts(null).family ?? 0);
        },
      ),
      RUNS,
    );
  });

  it('among small models, the smaller earns more small-model points (it answers sooner)', () => {
    const smalls = fc
      .uniqueArray(fc.constantFrom(...TINY_PARAMS, '3B', '3.8B', '7B', '8B'), { minLength: 2, maxLength: 2 })
      .map((xs) => [...xs].sort((a, b) => parseFloat(a) - parseFloat(b)) as [string, string]);
    fc.assert(
      fc.property(specArb, taskArb(['quick']), smalls, (spec, task, [smaller, larger]) => {
        const family = (params: string) =>
          score(task, {
            endpoints: [
              localEndpoint([catalogModel('twin-chat', { ...spec, coder: false, params }, { ctx: spec.maxCtx })]),
            ],
          })[0]!.parts.family;
        expect(family(smaller)).toBeGreaterThan(family(larger)!);
      }),
      RUNS,
    );
  });
});
