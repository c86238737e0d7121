/**
 * The Windows installer's configuration, as far as it can be checked on this Linux machine: electron-builder
 * cannot build or run NSIS here (no makensis, no Electron download), so the Windows runner builds, installs and
 * uninstalls it (.github/workflows/windows.yml). Here: the settings a clerk meets, the icon Windows shows at each
 * size, and the uninstaller's "Hapus data" box.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, buildIco, decodePng, readIco, resize } from '../../../scripts/release/icon';

const ROOT = resolve(__dirname, '../../..');
// electron-builder's own YAML reader (js-yaml, installed with it; it ships no types).
const { load } = createRequire(join(ROOT, 'node_modules/electron-builder/package.json'))('js-yaml') as { load: (text: string) => unknown };
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  win: { icon: string; target: { target: string; arch: string[] }[] };
  nsis: Record<string, unknown>;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string; version: string };

/** Largest difference of any channel between two pictures of the same size (alpha-weighted colour). */
function maxDifference(a: Buffer, b: Buffer): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 4) {
    max = Math.max(max, Math.abs(a[i + 3]! - b[i + 3]!));
    if (a[i + 3]! > 0 && b[i + 3]! > 0) for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(a[i + c]! - b[i + c]!));
  }
  return max;
}

describe('the Windows installer (electron-builder.yml)', () => {
  it('installs per user with a choice of folder, Start-menu and desktop shortcuts named after the app, x64', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, createStartMenuShortcut: true, createDesktopShortcut: true, shortcutName: pkg.productName });
    expect(config.nsis.artifactName).toBe('DinsosDesk-Setup-${version}.${ext}');
    expect(config.nsis.uninstallDisplayName).toBe('${productName} ${version}');
    expect(pkg.productName).toBe('Dinsos Desk');
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('uses an .ico with the app\'s picture at 16, 32, 48 and 256 px for the app, installer and uninstaller', () => {
    expect(config.win.icon).toBe('resources/build/icon.ico');
    expect(config.nsis.installerIcon).toBe('resources/build/icon.ico');
    expect(config.nsis.uninstallerIcon).toBe('resources/build/icon.ico');
    const source = decodePng(readFileSync(join(ROOT, 'resources/build/icon.png')));
    const entries = readIco(readFileSync(join(ROOT, config.win.icon)));
    expect(entries.map((e) => [e.width, e.height, e.format])).toEqual([[16, 16, 'bmp'], [32, 32, 'bmp'], [48, 48, 'bmp'], [256, 256, 'png']]);
    // Each size is the PNG's picture (the .ico is remade by `npm run icon` when the PNG changes).
    for (const entry of entries) expect(maxDifference(entry.image.data, resize(source, entry.width).data), `${entry.width} px`).toBeLessThanOrEqual(1);
    // Transparent corners stay transparent, the middle is the opaque green tile.
    const small = entries[0]!.image.data;
    expect(small[3]).toBe(0);
    expect(small[(8 * 16 + 1) * 4 + 3]).toBe(255);
    expect(ICON_SIZES).toEqual([16, 32, 48, 256]);
  });

  it('remakes the same .ico from the PNG (no stale icon)', () => {
    const made = readIco(buildIco(readFileSync(join(ROOT, 'resources/build/icon.png'))));
    const committed = readIco(readFileSync(join(ROOT, 'resources/build/icon.ico')));
    expect(made.map((e) => e.image.data.equals(committed.find((c) => c.width === e.width)!.image.data))).toEqual([true, true, true, true]);
  });

  it('keeps the office\'s data on uninstall unless "Hapus data" is ticked; never on an update', () => {
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.nsis.include).toBe('resources/build/installer.nsh');
    const script = readFileSync(join(ROOT, 'resources/build/installer.nsh'), 'utf8').replace(/^\s*;.*$/gm, '');
    const section = /!macro customUnInstallSection\s+Section (\/o )?"un\.([^"]+)"[^\n]*\n([\s\S]*?)SectionEnd\s+!macroend/.exec(script);
    expect(section, 'an uninstaller section in customUnInstallSection').not.toBeNull();
    expect(section![1], 'the box starts unticked (/o), so a silent uninstall keeps the data').toBe('/o ');
    expect(section![2]).toMatch(/^Hapus data/);
    const body = section![3]!;
    expect(body).toMatch(/\$\{ifNot\} \$\{isUpdated\}[\s\S]*RMDir \/r "\$APPDATA\\\$\{APP_FILENAME\}"[\s\S]*\$\{endIf\}/);
    // Nothing else is deleted: no install folder, no other path.
    expect([...body.matchAll(/RMDir \/r "([^"]+)"/g)].map((m) => m[1])).toEqual(['$APPDATA\\${APP_FILENAME}', '$APPDATA\\${APP_PRODUCT_FILENAME}', '$APPDATA\\${APP_PACKAGE_NAME}']);
    expect(body).not.toMatch(/\bDelete\b|\$INSTDIR/);
  });
});
