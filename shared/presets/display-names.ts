/** The names notifications and the tray show for models and presets: the friendly name when known, else the id. */

/** A model as the tray and notifications list it (a loaded instance, a catalog entry). */
interface NamedModel {
  modelKey: string;
  displayName: string | null;
}

/** A model's display name when LM Studio gave one, else its key. */
export function modelDisplayName(model: NamedModel): string {
  return model.displayName ?? model.modelKey;
}

/** The display name of a loaded instance referred to by id (a busy model), else its key; `loaded` may be unknown. */
export function loadedModelName(
  ref: { instanceId: string; modelKey: string },
  loaded: readonly (NamedModel & { instanceId: string })[] | null | undefined,
): string {
  const found = loaded?.find((m) => m.instanceId === ref.instanceId);
  return found ? modelDisplayName(found) : ref.modelKey;
}

/** A preset's name, else its id (the preset may be gone or unknown by the time a notification shows). */
export function presetDisplayName(preset: { name: string } | null | undefined, presetId: string): string {
  return preset?.name ?? presetId;
}
