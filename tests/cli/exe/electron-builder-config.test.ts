/**
 * The packaging config as a Windows, Linux or macOS user receives it: the `loadout` command ships in
 * resources/cli (not inside app.asar), finds koffi where asarUnpack leaves it, is what the deb links
 * as /usr/bin/loadout, and the hardening fuses stay as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { koffiCandidates } from '../../../electron/cli/exe/koffi-locations';

const root = path.resolve(__dirname, '../../..');
interface Resource {
  from: string;
  to: string;
}
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  productName: string;
  files: string[];
  extraResources: Resource[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  nsis: { include?: string };
  linux: { executableName?: string };
  deb: { afterInstall?: string; afterRemove?: string };
};
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  productName?: string;
  author?: unknown;
  scripts: Record<string, string>;
};

/** electron-builder's ${os}-${arch} for a platform (its buildConfigurationKey). */
const cliFolder = (os: 'win' | 'linux' | 'mac', arch: string) =>
  config.extraResources
    .find((r) => r.to === 'cli')!
    .from.replace('${os}', os)
    .replace('${arch}', arch);

describe('the loadout command in the packages', () => {
  it('copies out/cli-exe/<os>-<arch> (what build:cli-exe writes) to resources/cli, and keeps it out of app.asar', () => {
    expect(cliFolder('win', 'x64')).toBe('out/cli-exe/win-x64');
    expect(cliFolder('mac', 'arm64')).toBe('out/cli-exe/mac-arm64');
    expect(config.files).toContain('!out/cli-exe/**');
    const script = fs.readFileSync(path.join(root, 'scripts/build-cli-exe.mjs'), 'utf8');
    expect(script).toMatch(/path\.join\(root, 'out', 'cli-exe'\)/);
    expect(script).toMatch(/os === 'win' \? 'loadout\.exe' : 'loadout'/);
  });

  it('builds the command before packaging', () => {
    expect(pkg.scripts.dist).toMatch(/npm run build && npm run build:cli-exe && electron-builder/);
  });

  it('finds koffi first where asarUnpack leaves it, from resources/cli', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['node_modules/koffi/**', 'node_modules/@koromix/**']));
    const resources = path.join(path.sep, 'opt', 'Loadout', 'resources');
    expect(koffiCandidates(path.join(resources, 'cli', 'loadout'))[2]).toBe(
      path.join(resources, 'app.asar.unpacked', 'node_modules', 'koffi'),
    );
  });

  it('keeps the Electron binary from running as Node', () => {
    expect(config.electronFuses.runAsNode).toBe(false);
    expect(config.electronFuses.enableNodeOptionsEnvironmentVariable).toBe(false);
  });

  it('puts resources/cli on PATH from the NSIS include, and says so in the same folder name', () => {
    expect(config.nsis.include).toBe('resources/nsis/installer.nsh');
    const nsh = fs.readFileSync(path.join(root, 'resources/nsis/cli-path.nsh'), 'utf8');
    expect(nsh).toContain('!define LOADOUT_CLI_DIR "$INSTDIR\\resources\\cli"');
  });

  it('links /usr/bin/loadout to the command in the deb, with the tray app under another name', () => {
    expect(config.linux.executableName).toBe('loadout-tray');
    const render = (file: string) =>
      fs
        .readFileSync(path.join(root, file), 'utf8')
        .replace(
          /\$\{([a-zA-Z]+)\}/g,
          (_, name: string) =>
            ({ executable: 'loadout-tray', sanitizedProductName: 'Loadout' })[name] ?? `<undefined ${name}>`,
        );
    const install = render(config.deb.afterInstall!);
    const remove = render(config.deb.afterRemove!);
    expect(install).not.toContain('<undefined');
    expect(remove).not.toContain('<undefined');
    expect(install).toContain("ln -sf '/opt/Loadout/resources/cli/loadout' '/usr/bin/loadout'");
    expect(remove).toMatch(
      /if \[ "\$1" != "upgrade" \] && \[ "`readlink '\/usr\/bin\/loadout'`" = '\/opt\/Loadout\/resources\/cli\/loadout' \]; then\n\s+rm -f '\/usr\/bin\/loadout'/,
    );
    // electron-builder's own steps are still there (its template is replaced, not extended).
    expect(install).toContain("chmod 4755 '/opt/Loadout/chrome-sandbox'");
    expect(remove).toContain("update-alternatives --remove 'loadout-tray' '/opt/Loadout/loadout-tray'");
  });
});

describe('packaging metadata', () => {
  it('names the product Loadout and an author, so Publisher and CompanyName are filled', () => {
    expect(pkg.productName).toBe('Loadout');
    expect(config.productName).toBe('Loadout');
    expect(typeof pkg.author === 'string' ? pkg.author : '').not.toBe('');
  });
});
