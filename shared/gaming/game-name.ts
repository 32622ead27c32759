/**
 * The name a game is shown by. A fullscreen window whose process cannot be named (G1's detector on
 * Windows) carries a code instead of English text, and each face words it in its own language.
 */

/** The code for "a fullscreen game whose process is unknown"; `<` and `>` cannot be in an executable's name. */
export const UNNAMED_FULLSCREEN_GAME = '<fullscreen>';

/** The game's name as shown: the code becomes `unnamed` (the catalog's words), any other name stays. */
export function gameLabel(name: string, unnamed: string): string {
  return name === UNNAMED_FULLSCREEN_GAME ? unnamed : name;
}
