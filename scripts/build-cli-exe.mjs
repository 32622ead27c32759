#!/usr/bin/env node
/**
 * `npm run build:cli-exe [-- --target win-x64 ...]`: builds the standalone `loadout` command, a Node
 * single-executable application (https://nodejs.org/api/single-executable-applications.html), so an
 * installed Loadout has a CLI without a separate Node and without running the Electron binary as Node
 * (the runAsNode fuse stays off). Per target it writes out/cli-exe/<os>-<arch>/ (os as electron-builder
 * names it: win, linux, mac), which electron-builder copies to the app's resources/cli:
 *   loadout[.exe]   Node + the bundled CLI (koffi, a native addon, is loaded from the app's unpacked files)
 *   package.json    name and version, so `loadout` finds ... (its version is stamped into the bundle)
 *   out/renderer/   ... the web UI that `loadout serve` serves (when `npm run build` has made it)
 * The host's own targets by default; other platforms' Node comes from the npm registry (node-<os>-<arch>,
 * the packages the `node` package installs), at this Node's version: a SEA blob must match its Node.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { inject } from 'postject';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outRoot = path.join(root, 'out', 'cli-exe');
const work = path.join(outRoot, '.build');
const cache = path.join(root, 'node_modules', '.cache', 'loadout-cli-exe');
// The fuse string every official Node binary carries for postject (Node's SEA docs).
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const BUILDER_OS = { win32: 'win', linux: 'linux', darwin: 'mac' };
const NPM_OS = { win: 'win', linux: 'linux', mac: 'darwin' };

/** The targets electron-builder.yml packages on this host (mac: both architectures of the dmg). */
function hostTargets() {
  const os = BUILDER_OS[process.platform];
  if (!os)
    throw new Error(
      `build:cli-exe: no packaged target for ${process.platform}; pass --target win-x64, linux-x64, mac-arm64 or mac-x64.`,
    );
  return os === 'mac' ? ['mac-arm64', 'mac-x64'] : [`${os}-${process.arch}`];
}

function parseTargets(argv) {
  const targets = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--target' || !argv[i + 1])
      throw new Error(
        `build:cli-exe: unknown argument "${argv[i]}". Usage: npm run build:cli-exe [-- --target win-x64 --target linux-x64 ...]`,
      );
    const target = argv[++i];
    if (!/^(win|linux|mac)-(x64|arm64)$/.test(target))
      throw new Error(
        `build:cli-exe: unknown target "${target}"; use win-x64, linux-x64, linux-arm64, mac-arm64 or mac-x64.`,
      );
    targets.push(target);
  }
  return targets.length ? targets : hostTargets();
}

/** Bundle the CLI, every dependency inside, as one CommonJS script (Node 22 runs a SEA's script as CommonJS). */
async function bundleCli() {
  const script = path.join(work, 'loadout-sea.cjs');
  await esbuild.build({
    entryPoints: [path.join(root, 'electron/cli/exe/sea-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile: script,
    alias: { koffi: path.join(root, 'electron/cli/exe/koffi-beside-exe.ts') },
    // import.meta is empty in CommonJS; the executable's own path is where findPackageRoot starts.
    define: { 'import.meta.url': '__loadoutExeUrl' },
    banner: { js: 'var __loadoutExeUrl = require("node:url").pathToFileURL(process.execPath).href;' },
    logLevel: 'warning',
  });
  return script;
}

/** The SEA preparation blob, made by this Node (the blob must match the Node it is injected into). */
function makeBlob(script) {
  const blob = path.join(work, 'loadout.blob');
  const config = path.join(work, 'sea-config.json');
  // No code cache or snapshot: both are tied to the building platform, and one blob serves every target.
  fs.writeFileSync(
    config,
    JSON.stringify({
      main: script,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
      useSnapshot: false,
    }),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });
  return fs.readFileSync(blob);
}

/** A Node binary for `target` at this Node's version: this one for the host, else from npm's node-<os>-<arch>. */
function nodeBinaryFor(target) {
  const [os, arch] = target.split('-');
  if (BUILDER_OS[process.platform] === os && process.arch === arch) return process.execPath;
  const version = process.versions.node;
  const name = `node-${NPM_OS[os]}-${arch}`;
  const dir = path.join(cache, `${name}-${version}`);
  const binary = path.join(dir, 'package', 'bin', os === 'win' ? 'node.exe' : 'node');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(dir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = execFileSync(npm, ['pack', `${name}@${version}`, '--pack-destination', dir, '--silent'], {
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['-xzf', path.join(dir, packed), '-C', dir]);
  if (!fs.existsSync(binary))
    throw new Error(
      `build:cli-exe: ${name}@${version} from npm has no ${path.relative(dir, binary)}; build ${target} on that platform instead.`,
    );
  return binary;
}

async function buildTarget(target, blob) {
  const [os] = target.split('-');
  const dir = path.join(outRoot, target);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const exe = path.join(dir, os === 'win' ? 'loadout.exe' : 'loadout');
  fs.copyFileSync(nodeBinaryFor(target), exe);
  fs.chmodSync(exe, 0o755);
  if (os === 'mac') {
    if (process.platform !== 'darwin')
      throw new Error(
        'build:cli-exe: the macOS executable must be re-signed after injection; build mac targets on macOS.',
      );
    execFileSync('codesign', ['--remove-signature', exe]);
  }
  await inject(exe, 'NODE_SEA_BLOB', blob, {
    sentinelFuse: SEA_FUSE,
    machoSegmentName: os === 'mac' ? 'NODE_SEA' : undefined,
    overwrite: true,
  });
  // Ad-hoc signature so macOS runs it; electron-builder signs it again with the app's identity when signing.
  if (os === 'mac') execFileSync('codesign', ['--sign', '-', exe]);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: pkg.name, productName: pkg.productName, version: pkg.version, private: true }, null, 2)}\n`,
  );
  const renderer = path.join(root, 'out', 'renderer');
  if (fs.existsSync(renderer)) fs.cpSync(renderer, path.join(dir, 'out', 'renderer'), { recursive: true });
  else
    console.warn(
      'build:cli-exe: out/renderer is not built, so this `loadout serve` will show "build needed"; run `npm run build` first.',
    );
  console.log(`${path.relative(root, exe)}  ${(fs.statSync(exe).size / 1048576).toFixed(1)} MiB`);
}

try {
  const targets = parseTargets(process.argv.slice(2));
  fs.mkdirSync(work, { recursive: true });
  const blob = makeBlob(await bundleCli());
  for (const target of targets) await buildTarget(target, blob);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
