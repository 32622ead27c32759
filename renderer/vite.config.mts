/**
 * A Vite build of just the renderer's windows into out/renderer, for the end-to-end tests and
 * `npm run bench -- ui` (no main or preload needed). It reuses the renderer section of
 * electron.vite.config.ts, so the entries and plugins are declared once.
 * (.mts: a Node build script, outside the renderer's sandbox lint.)
 */
import { defineConfig, type UserConfig } from 'vite';
import electronConfig from '../electron.vite.config';

const renderer = (electronConfig as { renderer: UserConfig }).renderer;

export default defineConfig({
  ...renderer,
  // Relative asset URLs work both from loadout serve and from file:// in Electron.
  base: './',
  build: { ...renderer.build, emptyOutDir: true },
});
