/**
 * The emulator's default catalog: the models of the reference user (../shared/seed/hardware-profile.pt-BR.md),
 * with the keys, sizes, quantizations and context limits LM Studio reports for those GGUF downloads.
 */

/** One downloaded model as the emulator knows it (a superset of what v1, v0 and `lms ls` print). */
export interface EmulatedModel {
  key: string;
  displayName: string;
  type: 'llm' | 'embedding';
  publisher: string;
  /** Absent for embedding models in REST v1. */
  architecture: string;
  quantization: { name: string; bitsPerWeight: number };
  sizeBytes: number;
  paramsString: string;
  maxContextLength: number;
  format: 'gguf' | 'mlx';
  vision: boolean;
  trainedForToolUse: boolean;
  /** Relative to the models folder, as `lms ls --json` prints it. */
  path: string;
}

/** The reference user's models (RTX 3090 24 GB, 96 GB RAM). */
export const DEFAULT_CATALOG: readonly EmulatedModel[] = [
  {
    key: 'deepseek-coder-33b-instruct',
    displayName: 'DeepSeek Coder 33B Instruct',
    type: 'llm',
    publisher: 'TheBloke',
    architecture: 'llama',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 19_940_659_264,
    paramsString: '33B',
    maxContextLength: 16384,
    format: 'gguf',
    vision: false,
    trainedForToolUse: false,
    path: 'TheBloke/deepseek-coder-33B-instruct-GGUF/deepseek-coder-33b-instruct.Q4_K_M.gguf',
  },
  {
    key: 'qwen2.5-coder-14b-instruct',
    displayName: 'Qwen2.5 Coder 14B Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'qwen2',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 8_988_110_112,
    paramsString: '14B',
    maxContextLength: 32768,
    format: 'gguf',
    vision: false,
    trainedForToolUse: true,
    path: 'lmstudio-community/Qwen2.5-Coder-14B-Instruct-GGUF/Qwen2.5-Coder-14B-Instruct-Q4_K_M.gguf',
  },
  {
    key: 'codellama-13b-instruct',
    displayName: 'CodeLlama 13B Instruct',
    type: 'llm',
    publisher: 'TheBloke',
    architecture: 'llama',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 7_865_956_224,
    paramsString: '13B',
    maxContextLength: 16384,
    format: 'gguf',
    vision: false,
    trainedForToolUse: false,
    path: 'TheBloke/CodeLlama-13B-Instruct-GGUF/codellama-13b-instruct.Q4_K_M.gguf',
  },
  {
    key: 'qwen2.5-7b-instruct',
    displayName: 'Qwen2.5 7B Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'qwen2',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 4_683_073_856,
    paramsString: '7B',
    maxContextLength: 32768,
    format: 'gguf',
    vision: false,
    trainedForToolUse: true,
    path: 'lmstudio-community/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf',
  },
  {
    key: 'llama-3.2-3b-instruct',
    displayName: 'Llama 3.2 3B Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'llama',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 2_019_377_696,
    paramsString: '3B',
    maxContextLength: 131072,
    format: 'gguf',
    vision: false,
    trainedForToolUse: true,
    path: 'lmstudio-community/Llama-3.2-3B-Instruct-GGUF/Llama-3.2-3B-Instruct-Q4_K_M.gguf',
  },
  {
    key: 'llama-3.2-1b-instruct',
    displayName: 'Llama 3.2 1B Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'llama',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 807_694_464,
    paramsString: '1B',
    maxContextLength: 131072,
    format: 'gguf',
    vision: false,
    trainedForToolUse: true,
    path: 'lmstudio-community/Llama-3.2-1B-Instruct-GGUF/Llama-3.2-1B-Instruct-Q4_K_M.gguf',
  },
  {
    key: 'phi-3.5-mini-instruct',
    displayName: 'Phi 3.5 Mini Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'phi3',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 2_393_232_672,
    paramsString: '3.8B',
    maxContextLength: 131072,
    format: 'gguf',
    vision: false,
    trainedForToolUse: false,
    path: 'lmstudio-community/Phi-3.5-mini-instruct-GGUF/Phi-3.5-mini-instruct-Q4_K_M.gguf',
  },
  {
    key: 'mistral-7b-instruct-v0.3',
    displayName: 'Mistral 7B Instruct v0.3',
    type: 'llm',
    publisher: 'bartowski',
    architecture: 'llama',
    quantization: { name: 'F16', bitsPerWeight: 16 },
    sizeBytes: 14_497_337_088,
    paramsString: '7B',
    maxContextLength: 32768,
    format: 'gguf',
    vision: false,
    trainedForToolUse: true,
    path: 'bartowski/Mistral-7B-Instruct-v0.3-GGUF/Mistral-7B-Instruct-v0.3-f16.gguf',
  },
  {
    key: 'qwen2-vl-7b-instruct',
    displayName: 'Qwen2 VL 7B Instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    architecture: 'qwen2vl',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 5_440_000_000,
    paramsString: '7B',
    maxContextLength: 32768,
    format: 'gguf',
    vision: true,
    trainedForToolUse: false,
    path: 'lmstudio-community/Qwen2-VL-7B-Instruct-GGUF/Qwen2-VL-7B-Instruct-Q4_K_M.gguf',
  },
  {
    key: 'text-embedding-nomic-embed-text-v1.5',
    displayName: 'Nomic Embed Text v1.5',
    type: 'embedding',
    publisher: 'nomic-ai',
    architecture: 'nomic-bert',
    quantization: { name: 'Q4_K_M', bitsPerWeight: 4 },
    sizeBytes: 84_106_624,
    paramsString: '137M',
    maxContextLength: 2048,
    format: 'gguf',
    vision: false,
    trainedForToolUse: false,
    path: 'nomic-ai/nomic-embed-text-v1.5-GGUF/nomic-embed-text-v1.5.Q4_K_M.gguf',
  },
];

/** Parses "33B", "3.8B", "137M", "26B-A4B" into billions of parameters (total); null when unreadable. */
export function paramsInBillions(paramsString: string): number | null {
  const match = /^(\d+(?:\.\d+)?)([BM])/i.exec(paramsString.trim());
  if (!match) return null;
  const value = Number(match[1]);
  return match[2]?.toUpperCase() === 'M' ? value / 1000 : value;
}
