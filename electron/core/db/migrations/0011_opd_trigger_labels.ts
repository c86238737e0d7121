import { sql, type Kysely } from 'kysely';
import { createPgTrigger, dropTrigger, isPostgres } from '../dialect';

// 0010's trigger matched a name-only writer's OPD text by lower(trim()) against the normalizeKey()'d keys only,
// so a name with punctuation ("Dinas Pemberdayaan Perempuan, Perlindungan Anak, …") missed its OPD and a
// duplicate agency was created. The names as written (opd_nama.label) are compared too.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // The same statements; SQLite's `insert or ignore` is `on conflict do nothing`.
    await dropTrigger(db, 'intervensi_ref', 'intervensi');
    await createPgTrigger(db, {
      name: 'intervensi_ref',
      table: 'intervensi',
      timing: 'after insert',
      when: 'new.opd_id is null',
      body: `
      insert into opd (nama, singkatan, created_at, updated_at)
        select trim(new.opd), null, new.created_at, new.created_at
        where not exists (select 1 from opd_nama where key = lower(trim(new.opd)) or lower(label) = lower(trim(new.opd)));
      insert into opd_nama (key, opd_id, label, jenis)
        select lower(trim(new.opd)), max(id), trim(new.opd), 'nama' from opd where nama = trim(new.opd) and digabung_ke is null having count(*) > 0
        on conflict do nothing;
      update intervensi set opd_id = (select opd_id from opd_nama where key = lower(trim(new.opd)) or lower(label) = lower(trim(new.opd)) order by key = lower(trim(new.opd)) desc limit 1) where id = new.id;
      update intervensi set opd = (select nama from opd where opd.id = intervensi.opd_id) where id = new.id;
      insert into jenis_intervensi (opd_id, nama, key, created_at)
        select i.opd_id, trim(new.jenis), lower(trim(new.jenis)), new.created_at from intervensi i
        where i.id = new.id and not exists (select 1 from jenis_intervensi j where j.opd_id = i.opd_id and (j.key = lower(trim(new.jenis)) or lower(j.nama) = lower(trim(new.jenis))));
      update intervensi set jenis_id = (select j.id from jenis_intervensi j where j.opd_id = intervensi.opd_id and (j.key = lower(trim(new.jenis)) or lower(j.nama) = lower(trim(new.jenis))) order by j.key = lower(trim(new.jenis)) desc limit 1) where id = new.id;
      update intervensi set jenis = (select nama from jenis_intervensi where jenis_intervensi.id = intervensi.jenis_id) where id = new.id;`,
    });
    return;
  }
  await sql`drop trigger if exists intervensi_ref`.execute(db);
  await sql`
    create trigger intervensi_ref after insert on intervensi when new.opd_id is null begin
      insert into opd (nama, singkatan, created_at, updated_at)
        select trim(new.opd), null, new.created_at, new.created_at
        where not exists (select 1 from opd_nama where key = lower(trim(new.opd)) or lower(label) = lower(trim(new.opd)));
      insert or ignore into opd_nama (key, opd_id, label, jenis)
        select lower(trim(new.opd)), max(id), trim(new.opd), 'nama' from opd where nama = trim(new.opd) and digabung_ke is null having count(*) > 0;
      update intervensi set opd_id = (select opd_id from opd_nama where key = lower(trim(new.opd)) or lower(label) = lower(trim(new.opd)) order by key = lower(trim(new.opd)) desc limit 1) where id = new.id;
      update intervensi set opd = (select nama from opd where opd.id = intervensi.opd_id) where id = new.id;
      insert into jenis_intervensi (opd_id, nama, key, created_at)
        select i.opd_id, trim(new.jenis), lower(trim(new.jenis)), new.created_at from intervensi i
        where i.id = new.id and not exists (select 1 from jenis_intervensi j where j.opd_id = i.opd_id and (j.key = lower(trim(new.jenis)) or lower(j.nama) = lower(trim(new.jenis))));
      update intervensi set jenis_id = (select j.id from jenis_intervensi j where j.opd_id = intervensi.opd_id and (j.key = lower(trim(new.jenis)) or lower(j.nama) = lower(trim(new.jenis))) order by j.key = lower(trim(new.jenis)) desc limit 1) where id = new.id;
      update intervensi set jenis = (select nama from jenis_intervensi where jenis_intervensi.id = intervensi.jenis_id) where id = new.id;
    end
  `.execute(db);
}
