/**
 * `npm run security:scan`: runs @doyensec/electronegativity over the Electron sources and fails on any HIGH or
 * MEDIUM finding that .electronegativity/allow.json does not explain. The tool itself always exits 0, so its
 * report is read here: a CSV (the only output that carries severity) and a SARIF copy for CI to keep.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
  description: string;
}
interface Allowed {
  check: string;
  file: string;
  reason: string;
}

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'out', 'security');
const BIN = join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');

/** One CSV line with quoted fields ("" inside quotes is a quote). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

export function parseReport(csv: string): Finding[] {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const [check = '', severity = '', confidence = '', file = '', location = '', sample = '', description = ''] = parseCsvLine(line);
      return { check, severity, confidence, file: file.replace(/\\/g, '/'), location, sample, description };
    });
}

export function judge(findings: Finding[], allowed: Allowed[]) {
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'MEDIUM');
  const isAllowed = (f: Finding) => allowed.some((a) => a.check === f.check && a.file === f.file);
  return {
    unexplained: serious.filter((f) => !isAllowed(f)),
    explained: serious.filter(isAllowed),
    stale: allowed.filter((a) => !serious.some((f) => f.check === a.check && f.file === a.file)),
  };
}

function run(output: string, electronVersion: string) {
  rmSync(output, { force: true });
  execFileSync(BIN, ['-i', 'electron', '-r', '-v', 'false', '-o', output, '-e', electronVersion], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

function main(): number {
  const electronVersion = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
  mkdirSync(OUT, { recursive: true });
  const csvPath = join(OUT, 'electronegativity.csv');
  const sarifPath = join(OUT, 'electronegativity.sarif');
  run(csvPath, electronVersion);
  run(sarifPath, electronVersion);
  // The tool writes its report asynchronously and exits 0 even when it failed: a missing report is a failure.
  if (!existsSync(csvPath) || !readFileSync(csvPath, 'utf8').startsWith('issue')) {
    console.error('electronegativity tidak menghasilkan laporan: pemeriksaan keamanan gagal dijalankan.');
    return 2;
  }
  const findings = parseReport(readFileSync(csvPath, 'utf8'));
  const allow = (JSON.parse(readFileSync(join(ROOT, '.electronegativity', 'allow.json'), 'utf8')) as { allow: Allowed[] }).allow;
  const missingReason = allow.filter((a) => !a.reason || a.reason.trim().length < 20);
  const { unexplained, explained, stale } = judge(findings, allow);

  console.log(`electronegativity (Electron ${electronVersion}): ${findings.length} temuan, ${explained.length} HIGH/MEDIUM dijelaskan di .electronegativity/allow.json`);
  for (const f of explained) console.log(`  ok   ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location}`);
  for (const a of stale) console.warn(`  catatan: entri allow-list tidak cocok lagi dan dapat dihapus: ${a.check} ${a.file}`);
  for (const a of missingReason) console.error(`  GAGAL: entri allow-list tanpa alasan yang jelas: ${a.check} ${a.file}`);
  for (const f of unexplained) console.error(`  GAGAL ${f.severity.padEnd(6)} ${f.check} ${f.file}:${f.location} — ${f.description}\n         ${f.sample}`);
  console.log(`Laporan: ${sarifPath}`);
  return unexplained.length > 0 || missingReason.length > 0 ? 1 : 0;
}

if (require.main === module) process.exit(main());
