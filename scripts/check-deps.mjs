#!/usr/bin/env node
/**
 * `npm run check:deps`: fails on an import that breaks a layer rule of .dependency-cruiser.cjs
 * (the core importing a face, shared/ importing a host, ...) and on any import cycle between folders.
 *
 * A "folder" is a directory right under electron/core/, electron/, renderer/src/ or shared/ (with
 * everything below it); a file directly in one of those roots (electron/core/app-core.ts) stands alone.
 * dependency-cruiser finds cycles between modules or between every nested directory, not between
 * these collapsed folders, so the folder graph and its cycles are computed here from its result.
 *
 * usage: node scripts/check-deps.mjs [--base DIR] [PATH...]   (default paths: electron shared renderer/src)
 */
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folderRoots = ['electron/core', 'renderer/src', 'electron', 'renderer', 'shared'];
const cycleAdvice =
  'Folders must not import each other in a circle. Move the piece both sides need down into a folder ' +
  'that neither imports (a types file, or shared/), or have the caller pass it in.';

/** The folder `file` belongs to for the cycle check, or null for a file outside the checked roots. */
export function folderOf(file) {
  const root = folderRoots.find((r) => file.startsWith(`${r}/`));
  if (!root) return null;
  const rest = file.slice(root.length + 1);
  const slash = rest.indexOf('/');
  return slash < 0 ? file : `${root}/${rest.slice(0, slash)}`;
}

/** Import edges between folders: "from folder" → "to folder" → the file-level imports that make it. */
function folderGraph(modules) {
  const graph = new Map();
  for (const m of modules) {
    const from = folderOf(m.source);
    if (!from) continue;
    for (const d of m.dependencies) {
      const to = d.coreModule ? null : folderOf(d.resolved);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      const edges = graph.get(from);
      if (!edges.has(to)) edges.set(to, []);
      edges.get(to).push(`${m.source} imports ${d.resolved}`);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan): each is a set of folders in a cycle. */
function folderCycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return cycles;
}

/** Describe one folder cycle with the imports inside it, so the reader sees which lines to change. */
function describeCycle(graph, folders) {
  const lines = [`✗ folder-cycle: ${folders.join(' ⇄ ')}`];
  for (const from of folders) {
    for (const [to, imports] of graph.get(from) ?? []) {
      if (!folders.includes(to)) continue;
      lines.push(`    ${from} → ${to}:`);
      for (const i of imports.slice(0, 3)) lines.push(`      ${i}`);
      if (imports.length > 3) lines.push(`      … and ${imports.length - 3} more`);
    }
  }
  lines.push(`  ${cycleAdvice}`);
  return lines.join('\n');
}

/** Run the check over `paths` in `base`; resolves to the problems found, as printable text blocks. */
export async function checkDeps(paths, base = repoRoot) {
  const options = await extractDepcruiseOptions(path.join(repoRoot, '.dependency-cruiser.cjs'));
  const cwd = process.cwd();
  process.chdir(base); // dependency-cruiser names modules relative to the working folder.
  let result;
  try {
    result = (await cruise(paths, { ...options, outputType: 'json' })).output;
  } finally {
    process.chdir(cwd);
  }
  const cruised = typeof result === 'string' ? JSON.parse(result) : result;
  const problems = [];
  for (const v of cruised.summary.violations) {
    const rule = options.ruleSet.forbidden.find((r) => r.name === v.rule.name);
    problems.push(`✗ ${v.rule.name}: ${v.from} imports ${v.to}\n  ${rule?.comment ?? ''}`);
  }
  const graph = folderGraph(cruised.modules);
  for (const cycle of folderCycles(graph)) problems.push(describeCycle(graph, cycle));
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const baseAt = args.indexOf('--base');
  const base = baseAt >= 0 ? path.resolve(args.splice(baseAt, 2)[1] ?? '.') : repoRoot;
  const paths = args.length ? args : ['electron', 'shared', 'renderer/src'];
  const problems = await checkDeps(paths, base);
  if (problems.length) {
    process.stderr.write(`check:deps: ${problems.length} import problem(s) in ${base}:\n\n${problems.join('\n\n')}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`check:deps: no folder cycles, no layer-rule breaks (${paths.join(', ')}).\n`);
}
