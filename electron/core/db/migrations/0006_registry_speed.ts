import { sql, type Kysely } from 'kysely';
import { createPgTrigger, isPostgres } from '../dialect';

// A member carries its family's kecamatan code (anggota.kec_kode) so that "name + kecamatan" is one index
// range scan on (kec_kode, nama_key) instead of walking every name in the registry and looking up each
// family. The import sets the column itself (the insert trigger then does nothing); any other writer gets
// it from the triggers, and a family moving to another kecamatan carries its members along.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('anggota').addColumn('kec_kode', 'text').execute();
  await sql`update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = anggota.keluarga_id)`.execute(db);
  await db.schema.createIndex('anggota_kec_nama').on('anggota').columns(['kec_kode', 'nama_key']).execute();
  if (isPostgres(db)) {
    // 0008 replaces the two anggota triggers; the family's move is kept as it is here.
    const toFamily = 'update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id) where id = new.id;';
    await createPgTrigger(db, { name: 'anggota_kec_insert', table: 'anggota', timing: 'after insert', when: 'new.kec_kode is null', body: toFamily });
    await createPgTrigger(db, { name: 'anggota_kec_move', table: 'anggota', timing: 'after update of keluarga_id', body: toFamily });
    await createPgTrigger(db, {
      name: 'keluarga_kec_change',
      table: 'keluarga',
      timing: 'after update of kecamatan_kode',
      when: 'new.kecamatan_kode is distinct from old.kecamatan_kode',
      body: 'update anggota set kec_kode = new.kecamatan_kode where keluarga_id = new.id;',
    });
    return;
  }
  await sql`create trigger anggota_kec_insert after insert on anggota when new.kec_kode is null begin
    update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id) where id = new.id;
  end`.execute(db);
  await sql`create trigger anggota_kec_move after update of keluarga_id on anggota begin
    update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id) where id = new.id;
  end`.execute(db);
  await sql`create trigger keluarga_kec_change after update of kecamatan_kode on keluarga when new.kecamatan_kode is not old.kecamatan_kode begin
    update anggota set kec_kode = new.kecamatan_kode where keluarga_id = new.id;
  end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists keluarga_kec_change`.execute(db);
  await sql`drop trigger if exists anggota_kec_move`.execute(db);
  await sql`drop trigger if exists anggota_kec_insert`.execute(db);
  await db.schema.dropIndex('anggota_kec_nama').execute();
  await db.schema.alterTable('anggota').dropColumn('kec_kode').execute();
}
