/**
 * Why an ask is declined, in sentences the calling model can act on: each starts with "keep this one:"
 * (the work stays with the caller) and says what would change the answer.
 */

const pct = (x: number) => `${Math.round(x * 100)} %`;

export const declineReasons = {
  gaming: () =>
    "keep this one: a game holds this machine's GPU (gaming mode), so the local models are not answering now. Do it yourself, or ask again after the game ends.",
  lowConfidence: (confidence: number, min: number, model: string | null, task: string) =>
    `keep this one: the router is only ${pct(confidence)} sure that ${model ?? 'a local model'} does this ${task} task well, under the ${pct(min)} Loadout requires (mcp.minConfidence). Do it yourself, or name a model with model: KEY if you know one fits.`,
  doubt: (confidence: number, model: string, task: string) =>
    `keep this one: the router is only ${pct(confidence)} sure that ${model} does this ${task} task well, so unsure that it would send it to the cloud model. Do it yourself.`,
  nothingFits: (routerReason: string) =>
    `keep this one: no local model can take it (${routerReason}). Do it yourself, or shorten the prompt if it was too long for the loaded models.`,
  noVisionModel: () =>
    'keep this one: no model on this machine can read images (none is vision-capable). Do it yourself, or download a vision model in LM Studio.',
  visionNotReady: (models: string[], why: string) =>
    `keep this one: the vision models here (${models.join(', ')}) cannot take it now (${why}). Do it yourself, or load one of them in LM Studio.`,
  notInCatalog: (model: string) =>
    `keep this one: there is no model "${model}" on this machine. Ask with model: "auto", or with one of the models the models tool lists.`,
  notLoaded: (model: string) =>
    `keep this one: ${model} is not loaded and Loadout may not load models on demand (routing.allowJitLoad is off). Ask with model: "auto" to use a loaded model, or load it first.`,
  busy: (models: string[], waitedSeconds: number) =>
    `keep this one: every model that fits (${models.join(', ')}) stayed busy with other answers for ${waitedSeconds} s (mcp.busyWaitSeconds). Do it yourself, or ask again in a moment.`,
} as const;
