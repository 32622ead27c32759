/** `GET /api/v1/models` or `/api/v0/models`, judged by its body: unknown routes answer HTTP 200 + {"error": …}. */
import type { CatalogModel } from '../../../shared/lmstudio/types';
import type { CallOptions } from './client-types';
import { badResponseError, extractLmStudioMessage } from './errors';
import { isUnknownRouteAnswer, requestJson } from './http-json';
import type { RestLevelContext } from './level';
import type { BodyReading } from './schemas/read-body';

/** The catalog at `path`, read with `read`; rejects with bad-response (an LmStudioShapeError names the field). */
export async function getModelsList(
  context: Pick<RestLevelContext, 'http' | 'timeouts' | 'retries'>,
  path: '/api/v1/models' | '/api/v0/models',
  read: (body: unknown) => BodyReading<CatalogModel[]>,
  call: CallOptions,
): Promise<CatalogModel[]> {
  const { http, timeouts, retries } = context;
  const answer = await requestJson(http, {
    method: 'GET',
    path,
    timeoutMs: call.timeoutMs ?? timeouts.listMs,
    retries,
    signal: call.signal,
  });
  if (isUnknownRouteAnswer(answer) || answer.status !== 200) {
    throw badResponseError(
      http.baseUrl,
      `GET ${path}`,
      `HTTP ${answer.status}`,
      answer.status,
      extractLmStudioMessage(answer.body),
    );
  }
  const models = read(answer.body);
  if (!models.ok) throw models.error;
  return models.value;
}
