/** The exports feature's reads that are not a template's or a source's: the choices its filter form offers. */
import type { ExportOptions } from '../../../shared/api/exports';
import { formatTanggal } from '../../../shared/domain/tanggal';
import { scopeCondition, type Scope } from '../api/scope';
import type { Db } from '../db/database';
import { likeCi } from '../db/dialect';
import { usulanProgram } from './sources/common';

/** How many recent handovers the filter offers. */
const PENYERAHAN_CHOICES = 300;

/**
 * Programmes as the registry, the aid programmes and the proposals name them (proposals in SIKS-NG's names:
 * PKH, BPNT, PBI, NON BANSOS), the OPDs of recorded interventions, and the latest handovers.
 */
export async function exportOptions(db: Db): Promise<ExportOptions> {
  const programs = new Set<string>();
  for (const r of await db.selectFrom('anggota_program').select('program').distinct().execute()) programs.add(r.program);
  for (const r of await db.selectFrom('program').select('nama').distinct().execute()) programs.add(r.nama);
  for (const r of await db.selectFrom('usulan').select('program').distinct().execute()) programs.add(usulanProgram(r.program));
  const handovers = await db
    .selectFrom('penyerahan as p')
    .innerJoin('program as pr', 'pr.id', 'p.program_id')
    .select(['p.id', 'p.tanggal', 'p.tempat', 'pr.nama as program'])
    .orderBy('p.tanggal', 'desc')
    .orderBy('p.id', 'desc')
    .limit(PENYERAHAN_CHOICES)
    .execute();
  const opd = await db.selectFrom('intervensi').select('opd').distinct().orderBy('opd').execute();
  return {
    programs: [...programs].sort((a, b) => a.localeCompare(b, 'id')),
    opd: opd.map((r) => r.opd),
    penyerahan: handovers.map((r) => ({ id: r.id, label: `${formatTanggal(r.tanggal)} — ${r.program} — ${r.tempat}` })),
  };
}

/** The results SIKS-NG sent back, newest first, by NIK or name; proposals still waiting for one are exported, not listed. */
export async function listUsulanResults(db: Db, scope: Scope, q: string, limit: number) {
  const like = `%${q}%`;
  const rows = await db
    .selectFrom('usulan as u')
    .innerJoin('anggota as a', 'a.id', 'u.anggota_id')
    .innerJoin('keluarga as k', 'k.id', 'a.keluarga_id')
    .where(scopeCondition(scope, 'k'))
    .select(['u.id', 'a.nik', 'a.nama', 'u.program', 'u.hasil', 'u.padan', 'u.keterangan', 'u.updated_at'])
    .where('u.hasil', 'is not', null)
    .$if(q !== '', (qb) => qb.where((eb) => eb.or([eb('a.nik', 'like', like), eb('a.nama', likeCi(db), like)])))
    .orderBy('u.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, nik: r.nik, nama: r.nama, program: r.program, hasil: r.hasil, padan: r.padan, keterangan: r.keterangan, updatedAt: r.updated_at }));
}
