import { sql, type Kysely } from 'kysely';
import { createPgTrigger, dropTrigger, isPostgres } from '../dialect';

// A member's kecamatan (anggota.kec_kode) is its family's, kept by the database alone: whatever a writer puts
// in kec_kode (or leaves out), the triggers set it from keluarga.kecamatan_kode on insert, on a move to
// another family, on a direct write of kec_kode, and when the family changes kecamatan (0006's
// keluarga_kec_change). 0006's insert trigger trusted a given value; rows made stale that way are corrected
// here. Each trigger only writes when the copy differs, so a writer giving the right value costs one lookup.
const FAMILY_KEC = sql`(select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id)`;
const FAMILY_KEC_TEXT = '(select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id)';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = anggota.keluarga_id)
      where kec_kode is distinct from (select k.kecamatan_kode from keluarga k where k.id = anggota.keluarga_id)`.execute(db);
    await dropTrigger(db, 'anggota_kec_insert', 'anggota');
    await dropTrigger(db, 'anggota_kec_move', 'anggota');
    // PostgreSQL allows no subquery in a trigger's WHEN: the comparison is the function's first statement.
    const body = `if new.kec_kode is distinct from ${FAMILY_KEC_TEXT} then
      update anggota set kec_kode = ${FAMILY_KEC_TEXT} where id = new.id;
    end if;`;
    await createPgTrigger(db, { name: 'anggota_kec_insert', table: 'anggota', timing: 'after insert', body });
    await createPgTrigger(db, { name: 'anggota_kec_move', table: 'anggota', timing: 'after update of keluarga_id, kec_kode', body });
    return;
  }
  await sql`update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = anggota.keluarga_id)
    where kec_kode is not (select k.kecamatan_kode from keluarga k where k.id = anggota.keluarga_id)`.execute(db);
  await sql`drop trigger anggota_kec_insert`.execute(db);
  await sql`drop trigger anggota_kec_move`.execute(db);
  await sql`create trigger anggota_kec_insert after insert on anggota when new.kec_kode is not ${FAMILY_KEC} begin
    update anggota set kec_kode = ${FAMILY_KEC} where id = new.id;
  end`.execute(db);
  await sql`create trigger anggota_kec_move after update of keluarga_id, kec_kode on anggota when new.kec_kode is not ${FAMILY_KEC} begin
    update anggota set kec_kode = ${FAMILY_KEC} where id = new.id;
  end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists anggota_kec_move`.execute(db);
  await sql`drop trigger if exists anggota_kec_insert`.execute(db);
  await sql`create trigger anggota_kec_insert after insert on anggota when new.kec_kode is null begin
    update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id) where id = new.id;
  end`.execute(db);
  await sql`create trigger anggota_kec_move after update of keluarga_id on anggota begin
    update anggota set kec_kode = (select k.kecamatan_kode from keluarga k where k.id = new.keluarga_id) where id = new.id;
  end`.execute(db);
}
