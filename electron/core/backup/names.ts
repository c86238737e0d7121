export type BackupKind = 'auto' | 'manual' | 'exit';

const kindSuffix: Record<BackupKind, string> = { auto: 'otomatis', manual: 'manual', exit: 'keluar' };
const NAME = /^dinsos-(\d{4})-(\d{2})-(\d{2})-(\d{2})(\d{2})(\d{2})(?:-([a-z]+))?\.dsbak$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'dinsos-2026-11-23-143005-otomatis.dsbak', in the office's local time so names sort and read naturally. */
export function backupFileName(at: Date, kind: BackupKind): string {
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `dinsos-${stamp}-${kindSuffix[kind]}.dsbak`;
}

export interface ParsedBackupName {
  fileName: string;
  day: string; // YYYY-MM-DD
  month: string; // YYYY-MM
  sortKey: string;
}

export function parseBackupName(fileName: string): ParsedBackupName | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return { fileName, day: `${y}-${mo}-${d}`, month: `${y}-${mo}`, sortKey: `${y}${mo}${d}${h}${mi}${s}` };
}

/**
 * Which backups to delete: keep the newest backup of each of the `keepDaily` most recent days that have one,
 * and the newest of each of the `keepMonthly` most recent months. Files not named by the app are never touched.
 */
export function backupsToRemove(fileNames: string[], keepDaily: number, keepMonthly: number): string[] {
  const parsed = fileNames.map(parseBackupName).filter((p): p is ParsedBackupName => !!p);
  parsed.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  const keep = new Set<string>();
  const days = new Set<string>();
  const months = new Set<string>();
  for (const p of parsed) {
    if (!days.has(p.day) && days.size < keepDaily) {
      days.add(p.day);
      keep.add(p.fileName);
    }
    if (!months.has(p.month) && months.size < keepMonthly) {
      months.add(p.month);
      keep.add(p.fileName);
    }
  }
  return parsed.filter((p) => !keep.has(p.fileName)).map((p) => p.fileName);
}
