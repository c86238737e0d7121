/**
 * Dependencies point one way (issue 16): electron/core/api is machinery every feature builds on and imports no
 * feature; a feature uses another only through its public entry (`index.ts`) — or its `tables.ts`, which the
 * database schema composes — never its internals. The imports that break the second rule today are listed
 * below as known debt: a new one fails this test; fixing one means deleting its line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/webApp';

const CORE = join(ROOT, 'electron/core');
/** Folders every feature may use: the call machinery, the database, the audit log. */
const MACHINERY = ['api', 'db', 'audit'];
/** Runs the core (process host): above the features, like app.ts and handlers.ts. */
const TOP = ['host'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Every relative import of a file (static, re-export or dynamic), resolved against the file's folder. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s));
}

/** `feature file -> other feature's internal file`, for every import that skips the other's public entry. */
function crossFeatureInternals(): string[] {
  const folders = readdirSync(CORE, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const features = folders.filter((f) => !MACHINERY.includes(f) && !TOP.includes(f));
  const out = new Set<string>();
  for (const feature of features) {
    for (const file of tsFiles(join(CORE, feature))) {
      for (const target of importsOf(file)) {
        const rel = relative(CORE, target).split('/');
        const [other, ...rest] = rel;
        if (!other || rest.length === 0 || other === feature || !features.includes(other)) continue;
        const entry = rest.join('/').replace(/\.ts$/, '');
        if (entry === 'index' || entry === 'tables') continue;
        out.add(`${feature} -> ${other}/${entry}`);
      }
    }
  }
  return [...out].sort();
}

/** Known debt (2026-12): imports of another feature's internals. Fix one, delete its line; never add one. */
const KNOWN = new Set<string>(KNOWN_LIST());

describe('dependencies point one way', () => {
  it('electron/core/api imports no feature at run time (lint), while the handler map above it may', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]!.messages.map((m) => m.message).join('\n');
    const value = "import { normalizeRegionCode } from '../regions/regionIndex';\nexport const n = normalizeRegionCode;\n";
    expect(await lint(value, 'electron/core/api/sample.ts')).toMatch(/machinery: it imports no feature/);
    expect(await lint("import { usersHandlers } from '../users/handlers';\nexport const h = usersHandlers;\n", 'electron/core/api/sample.ts')).toMatch(/machinery/);
    expect(await lint("import type { RegionIndex } from '../regions/regionIndex';\nexport type R = RegionIndex;\n", 'electron/core/api/sample.ts')).toBe('');
    expect(await lint("import { recordAudit } from '../audit/record';\nexport const r = recordAudit;\n", 'electron/core/api/sample.ts')).toBe('');
    expect(await lint("import { usersHandlers } from './users/handlers';\nexport const h = usersHandlers;\n", 'electron/core/handlers.ts')).toBe('');
  });

  it('no file under electron/core/api imports a feature at all, not even for a value re-export', () => {
    const features = readdirSync(CORE, { withFileTypes: true }).filter((d) => d.isDirectory() && !MACHINERY.includes(d.name)).map((d) => d.name);
    const wrong = tsFiles(join(CORE, 'api')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/^(import|export)(?!\s+type\b)[^;]*?from '(\.\.\/[^']+)'/gm)]
        .map((m) => relative(CORE, resolve(dirname(file), m[2]!)).split('/')[0]!)
        .filter((top) => features.includes(top))
        .map((top) => `${relative(CORE, file)} -> ${top}`);
    });
    expect(wrong).toEqual([]);
  });

  it('no feature imports another feature\'s internals beyond the known debt', () => {
    const now = crossFeatureInternals();
    expect(now.length).toBeGreaterThan(0); // the walk sees imports at all (a broken regex would pass silently)
    expect(now.filter((v) => !KNOWN.has(v))).toEqual([]);
  });
});

function KNOWN_LIST(): string[] {
  return [
    'admin -> backup/marker',
    'admin -> backup/settings',
    'backup -> admin/audit',
    'backup -> admin/office',
    'backup -> auth/password',
    'backup -> regions/load',
    'dashboard -> admin/office',
    'exports -> admin/office',
    'exports -> regions/regionIndex',
    'handovers -> admin/nomor',
    'handovers -> admin/office',
    'handovers -> documents/officeHeader',
    'handovers -> documents/tandaTerima',
    'handovers -> programs/queries',
    'handovers -> programs/settings',
    'handovers -> regions/regionIndex',
    'handovers -> registry/list',
    'handovers -> registry/records',
    'handovers -> registry/scope',
    'imports -> admin/audit',
    'imports -> admin/office',
    'imports -> exports/sources/common',
    'imports -> regions/officeAliases',
    'imports -> regions/regionIndex',
    'imports -> regions/regionNames',
    'imports -> registry/merge',
    'imports -> registry/scope',
    'interventions -> exports/run',
    'interventions -> imports/read',
    'interventions -> imports/rejectedFile',
    'interventions -> regions/regionIndex',
    'meetings -> admin/nomor',
    'meetings -> admin/office',
    'meetings -> documents/officeHeader',
    'meetings -> exports/cells',
    'meetings -> files/outbox',
    'meetings -> imports/read/footer',
    'meetings -> regions/regionIndex',
    'programs -> documents/meterai',
    'registry -> admin/audit',
    'registry -> regions/regionIndex',
    'smoke -> files/outbox',
  ];
}
