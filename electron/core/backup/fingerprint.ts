import { createHash } from 'node:crypto';
import { type RawDb, tableNames } from './rawDb';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * SHA-256 of what a backup holds: the schema and every row of every table (attachments included), each table
 * in key order, values as SQLite quotes them (so 1, '1' and X'31' differ). Everything but `backup_manifest`,
 * which carries the result. Computed on the backup file itself, so VACUUM's renumbering does not matter.
 * It shows that a backup was not changed after it was written (by hand or by a damaged copy); it is not a
 * signature: someone who changes the file on purpose and knows this code can recompute it — which is why a
 * restore also shows which accounts and which office the backup brings.
 */
export async function contentFingerprint(db: RawDb): Promise<string> {
  const hash = createHash('sha256');
  const schema = await db.all<{ type: string; name: string; sql: string | null }>(
    "select type, name, sql from sqlite_master where name <> 'backup_manifest' and name not like 'sqlite_%' order by type, name",
  );
  for (const s of schema) hash.update(`${s.type}\u001f${s.name}\u001f${s.sql ?? ''}\u001e`);
  for (const table of (await tableNames(db)).filter((t) => t !== 'backup_manifest' && !t.startsWith('sqlite_')).sort()) {
    const columns = await db.all<{ name: string; pk: number; type: string }>(`pragma table_info(${q(table)})`);
    const row = columns.map((c) => `quote(${q(c.name)})`).join(" || char(31) || ");
    hash.update(`\u001d${table}\u001d`);
    try {
      await db.all(`select rowid from ${q(table)} limit 0`);
    } catch {
      // WITHOUT ROWID: its primary key orders it.
      const order = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => q(c.name)).join(', ');
      await db.each<{ r: string }>(`select ${row} as r from ${q(table)} order by ${order}`, [], (r) => hash.update(`${r.r}\u001e`));
      continue;
    }
    // Read a page at a time, a few rows where a row holds bytes (a photo is twice its size as quoted hex):
    // sqlite3's each() reads ahead of the hashing without limit, so a table of photos was held whole, four times over.
    const page = columns.some((c) => /BLOB/i.test(c.type)) ? 2 : 1000;
    for (let after = -Infinity; ; ) {
      const rows = await db.all<{ id: number; r: string }>(`select rowid as id, ${row} as r from ${q(table)} where rowid > ? order by rowid limit ${page}`, [after]);
      for (const r of rows) hash.update(`${r.r}\u001e`);
      if (rows.length < page) break;
      after = rows[rows.length - 1]!.id;
    }
  }
  return hash.digest('hex');
}
