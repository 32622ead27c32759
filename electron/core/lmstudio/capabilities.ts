/** Says what an API level can and cannot do, in words the UI and CLI show as they are. */
import type { LmStudioCapabilities, LmStudioDetection } from './client-types';

/** The capabilities of a detected LM Studio, given whether `lms` was found. */
export function describeCapabilities(detection: LmStudioDetection, lmsPath: string | null): LmStudioCapabilities {
  const lmsAvailable = lmsPath !== null;
  const limitations: string[] = [];
  const level = detection.apiLevel;
  if (!detection.running) {
    limitations.push(`LM Studio is not running at ${detection.baseUrl}: start its server (Developer tab → Start server, or \`lms server start\`).`);
  } else if (level === 'none') {
    limitations.push('LM Studio answers but offers neither REST v1 nor v0 (older than 0.3.6?): update LM Studio.');
  } else if (level === 'v0') {
    limitations.push(
      lmsAvailable
        ? 'LM Studio 0.3.x: no REST load/unload; Loadout uses the lms CLI; sizes unknown.'
        : 'LM Studio 0.3.x: no REST load/unload and the lms CLI was not found: Loadout can show models but not load or unload them; sizes unknown.',
    );
  } else if (!lmsAvailable) {
    limitations.push('lms CLI not found: GPU offload, TTL and custom identifiers cannot be set, and Loadout cannot tell whether a model is generating.');
  }
  if (detection.authRequired && !detection.authorized) {
    limitations.push('LM Studio requires an API token: set LM_API_TOKEN or save the token in Loadout\'s settings.');
  }
  if (level !== 'none') limitations.push('LM Studio does not report GPU offload or VRAM per loaded model; Loadout estimates them.');

  const parts = [detection.version ? `LM Studio ${detection.version}` : 'LM Studio', level === 'none' ? (detection.running ? 'no REST API' : 'not running') : `REST ${level}`];
  parts.push(lmsAvailable ? 'lms found' : 'lms not found');
  return {
    apiLevel: level,
    restLoad: level === 'v1',
    restUnload: level === 'v1',
    sizesKnown: level === 'v1',
    lmsAvailable,
    lmsPath,
    limitations,
    summary: parts.join(' · '),
  };
}
