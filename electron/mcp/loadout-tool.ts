/**
 * The shape of one Loadout MCP tool: zod schemas for its arguments and structured result, MCP
 * annotations, and a `run` over the app API's contract client. A tool never talks to the core's
 * services directly, so it runs the same in-process and through a running app.
 */
import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { z } from 'zod';
import type { ApiResponse } from '../../shared/contract';
import type { ContractClient } from '../../shared/contract/client';
import type { MachineState } from './machine-state';

/** One `notifications/progress` step. */
export interface ToolProgress {
  progress: number;
  total?: number;
  message?: string;
}

/** What a tool gets besides its arguments. */
export interface ToolContext {
  client: ContractClient;
  /** Aborted when the MCP client cancels the call (notifications/cancelled) or goes away. */
  signal: AbortSignal;
  /** Sends progress when the client asked for it (a progressToken); otherwise a no-op. */
  progress(step: ToolProgress): void;
  /** The calling agent's name from the handshake or the request envelope ("claude-code"), for the ledger. */
  clientName: string;
}

/** A tool's answer: a readable text beside the structured result its outputSchema describes. */
export interface ToolAnswer<O> {
  text: string;
  structured: O;
  /** A refusal or fault the calling model should act on (LM Studio down, a refused preset). */
  isError?: boolean;
}

export interface LoadoutTool<A extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  /** Built from the machine's state at `tools/list` time, so the agent knows what is worth handing over. */
  description(state: MachineState): string;
  input: A;
  output: O;
  readOnly: boolean;
  destructive?: boolean;
  run(args: z.output<A>, ctx: ToolContext): Promise<ToolAnswer<z.output<O>>>;
}

/** Type the tool table while keeping each tool's own argument and result types. */
export function defineTool<A extends z.ZodType, O extends z.ZodType>(tool: LoadoutTool<A, O>): LoadoutTool<A, O> {
  return tool;
}

/** A fault the calling model can act on: becomes a result with `isError: true` and this sentence. */
export class ToolFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolFault';
  }
}

/** The result of a contract call, or a ToolFault carrying the core's own sentence (it says what to do). */
export function unwrap<T>(response: ApiResponse<T>): T {
  if (response.ok) return response.result;
  throw new ToolFault(response.error.message);
}

/** Malformed arguments: a JSON-RPC invalid-params error (-32602) whose message names the field. */
export function invalidParams(message: string): ProtocolError {
  return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
}
