import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// P3KE downloads (formats.md §1.6) name families by their "ID Keluarga P3KE" and carry no No KK, so a family may
// now be registered without a No KK until one arrives (a DTKS sheet, the family form):
// - keluarga.no_kk becomes nullable (still unique when present); keluarga.id_p3ke holds the P3KE family ID,
//   unique; a family must have at least one of the two, or be merged into another (digabung_ke).
// - The P3KE facts the office reports on: the family's latest P3KE verification (verval 2023/2024: the year it
//   was updated, prioritas, persentil, whether it meets the criteria and why not) and its stunting risk; per
//   person the P3KE "ID Individu", stunting risk and place in the family ("Anak / 3"). Desil, padan and programmes use the registry's own columns.
// - digabung_ke: a family without No KK found to be the same as a family with one (a member shows up under that
//   No KK) hands its members and P3KE facts to it and stays, empty, pointing at it — so an undo of the import
//   that merged them can give everything back.
// SQLite cannot drop NOT NULL in place: keluarga is copied, dropped, created again and refilled (same ids) in
// one transaction of its own (kysely runs SQLite migrations without one), with foreign-key enforcement off as
// SQLite's table-rebuild procedure requires; pragma foreign_key_check must find nothing before it commits.
// Re-running after a crash between the commit and kysely's bookkeeping finds id_p3ke there and does nothing.
const COLUMNS = [
  'id', 'no_kk', 'alamat', 'dusun', 'rt', 'rw', 'desa_kode', 'kecamatan_kode', 'id_dtks', 'desil', 'miskin_ekstrem', 'sumber',
  'import_batch_id', 'catatan', 'created_at', 'updated_at',
].map((c) => `"${c}"`).join(', ');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return upPostgres(db);
  const cols = await sql<{ name: string }>`select name from pragma_table_info('keluarga')`.execute(db);
  if (cols.rows.some((c) => c.name === 'id_p3ke')) return;
  await sql`pragma foreign_keys = off`.execute(db);
  await sql`begin immediate`.execute(db);
  try {
    await rebuild(db);
    const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
    if (broken.rows.length > 0) throw new Error(`foreign_key_check after rebuilding keluarga: ${broken.rows.length} rows`);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

/** PostgreSQL drops NOT NULL and adds columns in place (inside the migration's transaction). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`alter table keluarga alter column no_kk drop not null`.execute(db);
  await sql`alter table keluarga
    add column id_p3ke text collate "C" unique,
    add column digabung_ke integer references keluarga (id),
    add column p3ke_resiko_stunting integer check (p3ke_resiko_stunting in (0, 1)),
    add column p3ke_tahun integer check (p3ke_tahun between 2000 and 2100),
    add column p3ke_prioritas text collate "C",
    add column p3ke_persentil double precision,
    add column p3ke_memenuhi text collate "C",
    add column p3ke_keterangan text collate "C",
    add check (no_kk is not null or id_p3ke is not null or digabung_ke is not null),
    add check (digabung_ke is null or digabung_ke != id)`.execute(db);
  await sql`create index keluarga_tanpa_kk on keluarga (kecamatan_kode, desa_kode) where no_kk is null and digabung_ke is null`.execute(db);
  await sql`create index keluarga_digabung on keluarga (digabung_ke) where digabung_ke is not null`.execute(db);
  await addMemberColumns(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rebuild(db: Kysely<any>): Promise<void> {
  const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'keluarga'`.execute(db);
  await sql`create table keluarga_0012 as select * from keluarga`.execute(db);
  await sql`drop table keluarga`.execute(db);
  await sql`create table keluarga (
    id integer primary key autoincrement,
    no_kk text unique,
    alamat text not null default '',
    dusun text,
    rt text,
    rw text,
    desa_kode text not null references region (kode),
    kecamatan_kode text not null,
    id_dtks text,
    desil integer check (desil between 1 and 10),
    miskin_ekstrem integer not null default 0,
    sumber text,
    import_batch_id integer references import_batch (id),
    catatan text,
    created_at text not null,
    updated_at text not null,
    id_p3ke text unique,
    digabung_ke integer references keluarga (id),
    p3ke_resiko_stunting integer check (p3ke_resiko_stunting in (0, 1)),
    p3ke_tahun integer check (p3ke_tahun between 2000 and 2100),
    p3ke_prioritas text,
    p3ke_persentil real,
    p3ke_memenuhi text,
    p3ke_keterangan text,
    check (no_kk is not null or id_p3ke is not null or digabung_ke is not null),
    check (digabung_ke is null or digabung_ke != id)
  )`.execute(db);
  await sql.raw(`insert into keluarga (${COLUMNS}) select ${COLUMNS} from keluarga_0012 order by id`).execute(db);
  await sql`drop table keluarga_0012`.execute(db);
  const before = Number(seq.rows[0]?.seq ?? 0);
  if (before > 0) await sql`update sqlite_sequence set seq = max(seq, ${before}) where name = 'keluarga'`.execute(db);
  await sql`create index keluarga_desa on keluarga (desa_kode)`.execute(db);
  await sql`create index keluarga_kecamatan on keluarga (kecamatan_kode, desa_kode)`.execute(db);
  await sql`create index keluarga_desil on keluarga (desil)`.execute(db);
  // The "No KK belum diketahui" list: few rows, found without scanning every family.
  await sql`create index keluarga_tanpa_kk on keluarga (kecamatan_kode, desa_kode) where no_kk is null and digabung_ke is null`.execute(db);
  await sql`create index keluarga_digabung on keluarga (digabung_ke) where digabung_ke is not null`.execute(db);
  await sql`create trigger keluarga_kec_change after update of kecamatan_kode on keluarga when new.kecamatan_kode is not old.kecamatan_kode begin
    update anggota set kec_kode = new.kecamatan_kode where keluarga_id = new.id;
  end`.execute(db);

  await addMemberColumns(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function addMemberColumns(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('anggota').addColumn('id_p3ke_individu', 'text').execute();
  await db.schema.alterTable('anggota').addColumn('p3ke_resiko_stunting', 'integer', (c) => c.check(sql`p3ke_resiko_stunting in (0, 1)`)).execute();
  // The member's place in the family as P3KE writes it after the relation ("Anak / 3" → 3).
  await db.schema.alterTable('anggota').addColumn('p3ke_urutan', 'integer').execute();
}
