/** Map LM Studio client failures onto app API errors, keeping the client's actionable message. */
import { AppApiError, type ApiErrorCode } from '../../../../shared/contract';
import { isLmStudioError, type LmStudioErrorCode } from '../../lmstudio/client-types';

const codeMap: Record<LmStudioErrorCode, ApiErrorCode> = {
  'not-running': 'unavailable',
  unauthorized: 'refused',
  guardrail: 'refused',
  'not-found': 'not-found',
  'load-failed': 'failed',
  'lms-missing': 'unavailable',
  'lms-failed': 'failed',
  'bad-response': 'failed',
  'not-lmstudio': 'unavailable',
  unsupported: 'unavailable',
  timeout: 'failed',
  aborted: 'cancelled',
};

/** Rethrow an LM Studio error as an AppApiError with the same message; anything else unchanged. */
export function toLmStudioApiError(error: unknown): unknown {
  if (!isLmStudioError(error)) return error;
  return new AppApiError(codeMap[error.code], error.message);
}
