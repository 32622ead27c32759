/**
 * LM Studio's state in the contract's shape (`models.list`, `loadout models`): reachable or why not,
 * the API level, the catalog and the loaded instances with their names, sizes and pins.
 */
import type { ModelsState } from '../../../shared/contract/models';
import { translator } from '../../../shared/i18n/translate';
import { wordLmStudioUnreachable, type LmStudioUnreachable } from '../../../shared/lmstudio/lmstudio-unreachable';
import { isPinned } from '../../../shared/presets/plan';
import type { LmStudioCapabilities, LmStudioClient } from '../lmstudio/client-types';

/** Read LM Studio's state; `pinned` marks the loaded instances a switch keeps. The CLI also prints the capabilities. */
export async function readLmStudioState(
  client: Pick<LmStudioClient, 'detect' | 'capabilities' | 'listModels' | 'listLoaded'>,
  pinned: string[],
  signal?: AbortSignal,
): Promise<ModelsState & { capabilities: LmStudioCapabilities | null }> {
  const detection = await client.detect({ signal });
  if (!detection.running || (detection.authRequired && !detection.authorized)) {
    const where = detection.where ?? detection.baseUrl;
    const unreachable: LmStudioUnreachable = {
      kind: detection.running ? 'token-required' : detection.foreign ? 'not-lmstudio' : 'not-running',
      where,
    };
    // The English message is the same wording a window gives `unreachable` in its language.
    const message = wordLmStudioUnreachable(unreachable, translator('en'));
    return {
      reachable: false,
      apiLevel: detection.apiLevel,
      message,
      unreachable,
      catalog: [],
      loaded: [],
      capabilities: null,
    };
  }
  const capabilities = await client.capabilities({ signal });
  const catalog = await client.listModels({ includePaths: true, signal });
  const loaded = await client.listLoaded({ signal });
  const byKey = new Map(catalog.map((m) => [m.key, m]));
  return {
    reachable: true,
    apiLevel: capabilities.apiLevel,
    message: capabilities.limitations.length ? capabilities.limitations.join(' ') : null,
    notices: capabilities.notices,
    catalog,
    loaded: loaded.map((i) => ({
      ...i,
      displayName: byKey.get(i.modelKey)?.displayName ?? null,
      sizeBytes: byKey.get(i.modelKey)?.sizeBytes ?? null,
      pinned: isPinned(i, pinned),
    })),
    capabilities,
  };
}
