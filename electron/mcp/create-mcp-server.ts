/**
 * One MCP server instance over the app API: the tools, the two resources, and `tools/list_changed`
 * when the loaded models change. Both transports build one from this factory (stdio once per
 * connection, Streamable HTTP once per request), for either protocol revision.
 *
 * Built on the SDK's low-level `Server`, not `McpServer`: `McpServer` turns malformed arguments into
 * a tool result with `isError`, while Loadout answers them as JSON-RPC invalid-params naming the field
 * (so an agent fixes its call instead of reading it as the tool's answer), and its tool descriptions
 * are rebuilt from the machine's state at each `tools/list`.
 */
import {
  CLIENT_INFO_META_KEY,
  ProtocolError,
  ResourceNotFoundError,
  Server,
  type CallToolResult,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { ContractClient } from '../../shared/contract/client';
import { invalidParams, ToolFault, unwrap, type LoadoutTool, type ToolContext } from './loadout-tool';
import type { MachineStateWatch } from './machine-state';
import { MCP_TOOLS } from './tool-table';

export interface McpServerDeps {
  client: ContractClient;
  machine: MachineStateWatch;
  version: string;
  /** Where unexpected failures are told (stderr for stdio: stdout carries only protocol messages). */
  log: (line: string) => void;
}

const RESOURCES = [
  {
    uri: 'loadout://profile',
    name: 'profile',
    title: 'Machine profile',
    description:
      "This machine's CPU, RAM, GPU, memory bandwidth and which model sizes it runs, how fast (as `loadout profile` prints it).",
    mimeType: 'text/markdown',
  },
  {
    uri: 'loadout://benchmarks',
    name: 'benchmarks',
    title: 'Benchmark results',
    description: "Every stored benchmark result in the user's benchmark template.",
    mimeType: 'text/markdown',
  },
] as const;

/** The JSON Schema of a tool's arguments or result, as `tools/list` shows it. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Tool['inputSchema'] {
  const { $schema: _omitted, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return { ...rest, type: 'object' } as Tool['inputSchema'];
}

/** "`prompt`: expected string, received number; `task`: …": every bad field, by name. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys.join('`, `') : null;
      const where = keys ?? (issue.path.length ? issue.path.map(String).join('.') : 'arguments');
      return `\`${where}\`: ${issue.message}`;
    })
    .join('; ');
}

/** The calling agent's name: the 2026 request envelope's clientInfo, else the 2025 handshake's. */
function clientNameOf(server: Server, ctx: ServerContext): string {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const info = envelope?.[CLIENT_INFO_META_KEY] as { name?: unknown } | undefined;
  if (typeof info?.name === 'string' && info.name) return info.name;
  return server.getClientVersion()?.name ?? 'unknown client';
}

/** Build one server instance; it unsubscribes from the machine's changes when it closes. */
export function createLoadoutMcpServer(deps: McpServerDeps): Server {
  const server = new Server(
    { name: 'loadout', title: 'Loadout', version: deps.version },
    {
      capabilities: { tools: { listChanged: true }, resources: {} },
      instructions:
        'Loadout runs local LLMs on this machine through LM Studio. Hand bulk work (summaries, extraction, boilerplate code, first-pass review) to `ask`; it declines, with a reason, what should stay with you. `status` and `models` show what is loaded and how fast it is.',
    },
  );
  const tools = new Map<string, LoadoutTool>(MCP_TOOLS.map((t) => [t.name, t as LoadoutTool]));

  server.setRequestHandler('tools/list', async () => {
    const state = await deps.machine.current();
    return {
      tools: MCP_TOOLS.map((tool) => ({
        name: tool.name,
        title: tool.title,
        description: tool.description(state),
        inputSchema: jsonSchemaOf(tool.input, 'input'),
        outputSchema: jsonSchemaOf(tool.output, 'output'),
        annotations: {
          title: tool.title,
          readOnlyHint: tool.readOnly,
          destructiveHint: tool.destructive ?? false,
          openWorldHint: false,
        },
      })),
    };
  });

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const tool = tools.get(request.params.name);
    if (!tool)
      throw invalidParams(
        `Loadout has no tool "${request.params.name}"; its tools are ${[...tools.keys()].join(', ')}.`,
      );
    const parsed = tool.input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) throw invalidParams(`Invalid arguments for ${tool.name}: ${describeIssues(parsed.error)}.`);
    try {
      const answer = await tool.run(parsed.data, toolContext(server, ctx, deps.client));
      return {
        content: [{ type: 'text', text: answer.text }],
        structuredContent: answer.structured as Record<string, unknown>,
        ...(answer.isError ? { isError: true } : {}),
      };
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      if (error instanceof ToolFault) return { content: [{ type: 'text', text: error.message }], isError: true };
      deps.log(
        `${tool.name} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return {
        content: [
          {
            type: 'text',
            text: `Loadout's ${tool.name} failed unexpectedly (${error instanceof Error ? error.message : String(error)}). Try again; if it persists, see Loadout's log.`,
          },
        ],
        isError: true,
      };
    }
  });

  server.setRequestHandler('resources/list', () => ({ resources: RESOURCES.map((r) => ({ ...r })) }));
  server.setRequestHandler('resources/read', async (request) => {
    const uri = request.params.uri;
    try {
      if (uri === 'loadout://profile') {
        const table = unwrap(await deps.client.call('profile.capacity', undefined));
        return { contents: [{ uri, mimeType: 'text/markdown', text: table.markdown }] };
      }
      if (uri === 'loadout://benchmarks') {
        const exported = unwrap(await deps.client.call('bench.export', { format: 'md' }));
        return { contents: [{ uri, mimeType: 'text/markdown', text: exported.text }] };
      }
    } catch (error) {
      // A resource has no isError result: the fault's sentence travels as a JSON-RPC error.
      if (error instanceof ToolFault) throw new ProtocolError(-32603, error.message);
      throw error;
    }
    throw new ResourceNotFoundError(
      uri,
      `Loadout has no resource ${uri}; it has ${RESOURCES.map((r) => r.uri).join(' and ')}.`,
    );
  });

  const off = deps.machine.onLoadedSetChanged(() => {
    // Only a connected instance (a stdio connection) can push it; a per-request HTTP instance has nobody to tell.
    if (server.transport) void server.sendToolListChanged().catch(() => undefined);
  });
  const previousOnClose = server.onclose;
  server.onclose = () => {
    off();
    previousOnClose?.();
  };
  return server;
}

/** The per-call context a tool gets: the cancellation signal, progress when asked for, and the caller's name. */
function toolContext(server: Server, ctx: ServerContext, client: ContractClient): ToolContext {
  const token = ctx.mcpReq._meta?.progressToken;
  let last = 0;
  return {
    client,
    signal: ctx.mcpReq.signal,
    clientName: clientNameOf(server, ctx),
    progress(step) {
      if (token === undefined) return;
      // Progress must increase with every notification.
      last = Math.max(step.progress, last + 1e-3);
      void ctx.mcpReq
        .notify({
          method: 'notifications/progress',
          params: {
            progressToken: token,
            progress: last,
            ...(step.total !== undefined ? { total: Math.max(step.total, last) } : {}),
            ...(step.message ? { message: step.message } : {}),
          },
        })
        .catch(() => undefined);
    },
  };
}
