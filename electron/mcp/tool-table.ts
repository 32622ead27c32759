/** Every tool the Loadout MCP server offers, in the order `tools/list` shows them. */
import { askTool } from './ask-tool';
import { applyPresetTool, unloadTool } from './change-tools';
import { benchmarksTool, energyTool, modelsTool, routeTool, statusTool } from './read-tools';

export const MCP_TOOLS = [
  askTool,
  routeTool,
  modelsTool,
  statusTool,
  applyPresetTool,
  unloadTool,
  energyTool,
  benchmarksTool,
] as const;
