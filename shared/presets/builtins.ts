/**
 * The built-in presets, from the user's machine profile ("Multi-Model Strategy" and "LM Studio
 * Configuration" for an RTX 3090 24 GB + 96 GB RAM): one 33B coder at 4096 tokens all on the GPU;
 * a 13B + a 7B at 8192 for multi-agent work; two 7Bs; small 1B/3B models on the CPU; and nothing
 * loaded while gaming. They name model families (see `family-query.ts`), resolved against the
 * user's catalog when applied. Every scenario of the profile is sized at Q4_K_M ("2× 7B (~12 GB
 * total)"), so each query caps the quantization there: an F16 download is not picked over a Q4 one.
 */
import { en } from '../i18n/en';
import { PresetSchema, type Preset } from './schema';

const CODER_33B = 'family:deepseek-coder|qwen2.5-coder|codellama|qwen3-coder@33b:q4_k_m';
const MID_13B = 'family:qwen2.5-coder|codellama|qwen2.5|llama|*@13b:q4_k_m';
const GENERAL_7B = 'family:qwen2.5|llama|mistral|*@7b:q4_k_m';
const CODER_7B = 'family:qwen2.5-coder|deepseek-coder|codellama|*@7b:q4_k_m';

const BUILT_INS: Preset[] = [
  {
    id: 'dev',
    name: 'Dev',
    description: en.builtinPresets['description_dev'],
    models: [{ key: CODER_33B, contextLength: 4096, gpuOffload: 'max' }],
    exclusive: true,
    builtIn: true,
  },
  {
    id: 'multi-agent',
    name: 'Multi-agent',
    description: en.builtinPresets['description_multi-agent'],
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
    description: en.builtinPresets['description_dual-7b'],
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
    description: en.builtinPresets['description_light'],
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
    description: en.builtinPresets['description_gaming'],
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
