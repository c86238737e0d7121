/**
 * Dependencies point one way (issue 16): electron/core/api is machinery every feature builds on and imports no
 * feature; a feature uses another only through its public entry (`index.ts`) — or its `tables.ts`, which the
 * database schema composes — never its internals. (The 42 imports once listed here as known debt now go through
 * the features' entries, or through api/scope and audit/record, the machinery.)
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

/** `feature -> other/file` for every import of another feature (its entry or its internals). */
function crossFeatureImports(): string[] {
  const folders = readdirSync(CORE, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const features = folders.filter((f) => !MACHINERY.includes(f) && !TOP.includes(f));
  const out = new Set<string>();
  for (const feature of features) {
    for (const file of tsFiles(join(CORE, feature))) {
      for (const target of importsOf(file)) {
        const rel = relative(CORE, target).split('/');
        const [other, ...rest] = rel;
        if (!other || other === feature || !features.includes(other)) continue;
        const entry = rest.length === 0 ? 'index' : rest.join('/').replace(/\.ts$/, ''); // '../regions' is its index.ts
        out.add(`${feature} -> ${other}/${entry}`);
      }
    }
  }
  return [...out].sort();
}

/** What a feature may import of another: its public entry or its tables. */
const isPublic = (imp: string) => /\/(index|tables)$/.test(imp);

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

  it('no feature imports another feature\'s internals, only its public entry', () => {
    const all = crossFeatureImports();
    // The walk sees imports at all (a broken regex would pass silently): the handover form uses the registry's entry.
    expect(all).toContain('handovers -> registry/index');
    expect(all.filter((v) => !isPublic(v))).toEqual([]);
  });
});
