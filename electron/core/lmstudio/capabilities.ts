/** Says what an API level can and cannot do: as codes (the windows word them in the UI language) and in English (the CLI, logs). */
import { translator } from '../../../shared/i18n/translate';
import type { LmStudioNotice } from '../../../shared/lmstudio/types';
import type { LmStudioCapabilities, LmStudioDetection } from './client-types';

/** The capabilities of a detected LM Studio, given whether `lms` was found. */
export function describeCapabilities(detection: LmStudioDetection, lmsPath: string | null): LmStudioCapabilities {
  const lmsAvailable = lmsPath !== null;
  const notices: LmStudioNotice[] = [];
  const level = detection.apiLevel;
  if (!detection.running) notices.push({ code: 'notRunning', params: { baseUrl: detection.baseUrl } });
  else if (level === 'none') notices.push({ code: 'noRest' });
  else if (level === 'v0') notices.push({ code: lmsAvailable ? 'v0WithLms' : 'v0NoLms' });
  else if (!lmsAvailable) notices.push({ code: 'noLms' });
  if (detection.authRequired && !detection.authorized) notices.push({ code: 'tokenRequired' });
  if (level !== 'none') notices.push({ code: 'estimatesOnly' });
  const t = translator('en');

  const parts = [
    detection.version ? `LM Studio ${detection.version}` : 'LM Studio',
    level === 'none' ? (detection.running ? 'no REST API' : 'not running') : `REST ${level}`,
  ];
  parts.push(lmsAvailable ? 'lms found' : 'lms not found');
  return {
    apiLevel: level,
    restLoad: level === 'v1',
    restUnload: level === 'v1',
    sizesKnown: level === 'v1',
    lmsAvailable,
    lmsPath,
    limitations: notices.map((n) => t(`lmstudioNotice.${n.code}`, n.params)),
    notices,
    summary: parts.join(' · '),
  };
}
