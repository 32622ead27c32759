/**
 * The built-in presets, from the user's machine profile ("Multi-Model Strategy" and "LM Studio
 * Configuration" for an RTX 3090 24 GB + 96 GB RAM): one 33B coder at 4096 tokens all on the GPU;
 * a 13B + a 7B at 8192 for multi-agent work; two 7Bs; small 1B/3B models on the CPU; and nothing
 * loaded while gaming. They name model families (see `family-query.ts`), resolved against the
 * user's catalog when applied. Every scenario of the profile is sized at Q4_K_M ("2× 7B (~12 GB
 * total)"), so each query caps the quantization there: an F16 download is not picked over a Q4 one.
 */
import { PresetSchema, type Preset } from './schema';

const CODER_33B = 'family:deepseek-coder|qwen2.5-coder|codellama|qwen3-coder@33b:q4_k_m';
const MID_13B = 'family:qwen2.5-coder|codellama|qwen2.5|llama|*@13b:q4_k_m';
const GENERAL_7B = 'family:qwen2.5|llama|mistral|*@7b:q4_k_m';
const CODER_7B = 'family:qwen2.5-coder|deepseek-coder|codellama|*@7b:q4_k_m';

const BUILT_INS: Preset[] = [
  {
    id: 'dev',
    name: 'Dev',
    description: 'One 33B coder (DeepSeek Coder 33B or similar), context 4096, all layers on the GPU: best code quality.',
    models: [{ key: CODER_33B, contextLength: 4096, gpuOffload: 'max' }],
    exclusive: true,
    builtIn: true,
  },
  {
    id: 'multi-agent',
    name: 'Multi-agent',
    description: 'A 13B and a 7B side by side on the GPU, context 8192: two agents at once.',
    models: [
      { key: MID_13B, contextLength: 8192, gpuOffload: 'max' },
      { key: GENERAL_7B, contextLength: 8192, gpuOffload: 'max' },
    ],
    exclusive: true,
    builtIn: true,
  },
  {
    id: 'dual-7b',
    name: 'Dual 7B',
    description: 'Two Q4_K_M 7B models on the GPU, context 8192 (~12 GB in all): a general one and a coder (or two copies of one).',
    models: [
      { key: GENERAL_7B, contextLength: 8192, gpuOffload: 'max' },
      { key: CODER_7B, contextLength: 8192, gpuOffload: 'max' },
    ],
    exclusive: true,
    builtIn: true,
  },
  {
    id: 'light',
    name: 'Light',
    description: 'Small 1B and 3B models on the CPU (gpuOffload off): the GPU stays free.',
    models: [
      { key: 'family:llama-3.2|qwen2.5|gemma|*@1b:q4_k_m', contextLength: 8192, gpuOffload: 'off' },
      { key: 'family:llama-3.2|qwen2.5|phi|*@3b:q4_k_m', contextLength: 8192, gpuOffload: 'off' },
    ],
    exclusive: true,
    builtIn: true,
  },
  {
    id: 'gaming',
    name: 'Gaming',
    description: 'Unload every model (pinned ones excepted): all VRAM back to the game.',
    models: [],
    exclusive: true,
    builtIn: true,
  },
];

/** The built-in presets (fresh, validated copies). */
export function builtInPresets(): Preset[] {
  return BUILT_INS.map((p) => PresetSchema.parse(structuredClone(p)));
}

/** User presets first (they may override a built-in by id), then the built-ins not overridden. */
export function mergeWithBuiltIns(userPresets: Preset[]): Preset[] {
  const ids = new Set(userPresets.map((p) => p.id));
  return [...userPresets, ...builtInPresets().filter((p) => !ids.has(p.id))];
}
