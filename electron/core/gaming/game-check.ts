/**
 * What gaming detection answers (issue 19): the games running now, and whether the answer is whole.
 * The switch/restore service (gaming-mode.ts) reads only these types and `createGameDetector`.
 */
import type { GameDetectionProblem } from '../../../shared/contract/gaming';
import type { Settings } from '../../../shared/settings/schema';

export type GamingSettings = Settings['gaming'];

/** Where a game was recognised: the user's list, its install folder, the shell's fullscreen signal, or its VRAM. */
export type GameSource = 'list' | 'steam' | 'epic' | 'gog' | 'xbox' | 'fullscreen' | 'vram';

export interface RunningGame {
  /** A name to show: the Steam/Epic/GOG title when known, else the executable name. */
  name: string;
  /** The executable's file name as the system reports it (e.g. "eldenring.exe"); "" for the fullscreen signal. */
  exe: string;
  /** null when the source names no process (the fullscreen signal). */
  pid: number | null;
  source: GameSource;
}

export interface GameCheck {
  games: RunningGame[];
  /**
   * false when a source failed (the process list above all): a game missing from `games` may still run,
   * so the caller must not take it as "the game ended". `problems` says what failed and what to do.
   */
  complete: boolean;
  problems: GameDetectionProblem[];
}

export interface GameDetector {
  /** One detection pass; never rejects (a failing source becomes a problem in the answer). */
  check(): Promise<GameCheck>;
}
