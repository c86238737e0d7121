import { describe, expect, it } from 'vitest';
import { exactField, fuzzyField, headerKey, IMPORT_FIELDS, type FieldKey } from '../../../electron/core/imports/read/fields';
import { detectPreset } from '../../../electron/core/imports/read/presets';
import { compileOverride, detectHeader } from '../../../electron/core/imports/read/header';
import { BDT_ART, DTKS, DTKS_SULTENG, P3KE_INDIVIDU, P3KE_KELUARGA, SEDERHANA, SIKS_NG_USULAN } from './headerTexts';

function fieldsOf(headers: readonly string[]): (FieldKey | null)[] {
  const d = detectHeader([{ row: 1, cells: [...headers] }]).detection;
  if (!d) throw new Error('no header');
  return d.columns.map((c) => c.field);
}

describe('header text → field', () => {
  it('strips parenthesised examples and newlines', () => {
    expect(headerKey('TANGGAL LAHIR\n(31/01/2000)')).toBe('tanggallahir');
    expect(exactField('TANGGAL LAHIR\n(31/01/2000)')).toBe('tanggalLahir');
    expect(exactField('TGL MULAI HAMIL\n(31/12/2021)')).toBe('tanggalMulaiHamil');
    expect(exactField('NIK (16 digit) [wajib]')).toBe('nik');
  });

  it('ignores case, spacing, punctuation and underscores', () => {
    for (const t of ['nik', ' N I K ', 'Nik', 'NIK:', 'nik*']) expect(exactField(t)).toBe('nik');
    for (const t of ['No KK', 'NO. KK', 'no_kk', 'NOKK', 'Nomor  Kartu Keluarga']) expect(exactField(t)).toBe('noKk');
    for (const t of ['Desa/Kelurahan', 'DESA / KELURAHAN', 'Kelurahan', 'KELURAHAN', 'desa_kelurahan']) {
      expect(exactField(t)).toBe('desa');
    }
    expect(exactField('Tgl. Lahir')).toBe('tanggalLahir');
    expect(exactField('tgl_lahir')).toBe('tanggalLahir');
  });

  it('knows the synonyms named in the formats', () => {
    const cases: [string, FieldKey][] = [
      ['SHDK', 'hubunganKeluarga'], ['Hub Keluarga', 'hubunganKeluarga'],
      ['Hubungan dengan Kepala Keluarga', 'hubunganKeluarga'], ['HubKRT', 'hubunganKeluarga'],
      ['Nama Ibu Kandung', 'ibuKandung'], ['namagadis_ibukandung', 'ibuKandung'],
      ['Kode Kemendagri', 'kodeWilayah'], ['kd_wilayah', 'kodeWilayah'],
      ['ID DTKS', 'idDtks'], ['IDARTBDT', 'idDtks'], ['ID Individu', 'idDtks'],
      ['ID Keluarga P3KE', 'idKeluarga'], ['IDBDT', 'idKeluarga'],
      ['Desil Kesejahteraan', 'desil'], ['Desil', 'desil'],
      ['Keterangan Padan', 'padan'], ['Padan Dukcapil', 'padan'],
      ['Status Disabilitas', 'disabilitas'], ['Jenis Cacat', 'disabilitas'],
      ['KODE JENIS DISABILITAS', 'kodeDisabilitas'], ['Status Hamil', 'hamil'],
      ['PROGRAM BANSOS', 'programBansos'], ['BPNT', 'bansosBpnt'], ['SEMBAKO', 'bansosBpnt'],
      ['BANSOS BPNT', 'bansosBpnt'], ['PBI JKN', 'bansosPbi'], ['PBI', 'bansosPbi'], ['BANSOS PKH', 'bansosPkh'],
      ['Penerima BST', 'bansosBst'], ['Penerima BPUM', 'bansosBpum'], ['Resiko Stunting', 'resikoStunting'],
      ['Kepala Keluarga', 'kepalaKeluarga'], ['No', 'no'], ['NO.', 'no'], ['Keterangan', 'keterangan'],
      ['L/P', 'jenisKelamin'], ['Kabupaten/Kota', 'kabupaten'],
    ];
    for (const [text, field] of cases) expect([text, exactField(text)]).toEqual([text, field]);
  });

  it('does not confuse distinct columns', () => {
    expect(exactField('BANSOS BPNT-PPKM')).toBeNull();
    expect(fuzzyField('BANSOS BPNT-PPKM')).toBeNull();
    expect(exactField('No. Kartu Peserta')).toBeNull();
    expect(exactField('Kepemilikan Rumah')).toBeNull();
    expect(exactField('NO KK')).toBe('noKk');
    expect(exactField('NO')).toBe('no');
  });

  it('tolerates a typo in long headers only', () => {
    expect(fuzzyField('TANGAL LAHIR')).toBe('tanggalLahir');
    expect(fuzzyField('JENIS KELAMN')).toBe('jenisKelamin');
    expect(fuzzyField('PKB')).toBeNull();
    expect(fuzzyField('STATUS KAWIN')).toBe('statusKawin');
    expect(fuzzyField('Kepemilikan Rumah')).toBeNull();
  });

  it('every field has a label and its synonyms map back to it', () => {
    for (const f of IMPORT_FIELDS) {
      expect(f.label.length).toBeGreaterThan(1);
      for (const s of f.synonyms) expect([s, exactField(s)]).toEqual([s, f.key]);
    }
  });
});

describe('presets from real header texts', () => {
  it('SIKS-NG usulan (21 columns)', () => {
    const fields = fieldsOf(SIKS_NG_USULAN);
    expect(fields).toEqual([
      'nik', 'programBansos', 'noKk', 'nama', 'tempatLahir', 'tanggalLahir', 'ibuKandung', 'jenisKelamin',
      'pekerjaan', 'statusKawin', 'alamat', 'rt', 'rw', 'provinsi', 'kabupaten', 'kecamatan', 'desa',
      'disabilitas', 'kodeDisabilitas', 'hamil', 'tanggalMulaiHamil',
    ]);
    expect(detectPreset(fields)?.id).toBe('siks-ng-usulan');
  });

  it('published DTKS (24 columns); BPNT-PPKM stays unmapped', () => {
    const fields = fieldsOf(DTKS);
    expect(fields).toEqual([
      'no', 'idDtks', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'alamat', 'dusun', 'rt', 'rw', 'noKk', 'nik',
      'nama', 'tanggalLahir', 'tempatLahir', 'jenisKelamin', 'pekerjaan', 'ibuKandung', 'hubunganKeluarga',
      'padan', 'bansosBpnt', 'bansosPkh', null, 'bansosPbi',
    ]);
    expect(detectPreset(fields)?.id).toBe('dtks');
  });

  it('P3KE keluarga; Penerima SEMBAKO after Penerima BPNT is kept but ignored', () => {
    const d = detectHeader([{ row: 1, cells: [...P3KE_KELUARGA] }]).detection;
    expect(d?.preset.id).toBe('p3ke-keluarga');
    const byHeader = new Map(d?.columns.map((c) => [c.header, c.field]));
    expect(byHeader.get('Kepala Keluarga')).toBe('kepalaKeluarga');
    expect(byHeader.get('Kode Kemendagri')).toBe('kodeWilayah');
    expect(byHeader.get('Penerima BPNT')).toBe('bansosBpnt');
    expect(byHeader.get('Penerima SEMBAKO')).toBeNull();
    expect(byHeader.get('Jenis Atap')).toBeNull();
    expect(d?.columns).toHaveLength(P3KE_KELUARGA.length);
  });

  it('P3KE individu', () => {
    const fields = fieldsOf(P3KE_INDIVIDU);
    expect(fields.slice(0, 18)).toEqual([
      'idKeluarga', 'provinsi', 'kabupaten', 'kecamatan', 'desa', 'kodeWilayah', 'desil', 'alamat', 'idDtks', 'nama',
      'nik', 'padan', 'jenisKelamin', 'hubunganKeluarga', 'tanggalLahir', 'statusKawin', 'pekerjaan', 'pendidikan',
    ]);
    expect(detectPreset(fields)?.id).toBe('p3ke-individu');
  });

  it('simple participant list', () => {
    const fields = fieldsOf(SEDERHANA);
    expect(fields).toEqual([
      'no', 'nik', 'noKk', 'nama', null, 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'alamat', 'keterangan',
    ]);
    expect(detectPreset(fields)?.id).toBe('sederhana');
    expect(detectPreset(['nik', 'nama'])?.id).toBe('sederhana');
  });

  it('legacy BDT variable names map to fields', () => {
    const d = detectHeader([{ row: 1, cells: [...BDT_ART] }]).detection;
    const byHeader = new Map(d?.columns.map((c) => [c.header, c.field]));
    expect(byHeader.get('kd_wilayah')).toBe('kodeWilayah');
    expect(byHeader.get('IDBDT')).toBe('idKeluarga');
    expect(byHeader.get('IDARTBDT')).toBe('idDtks');
    expect(byHeader.get('JnsKel')).toBe('jenisKelamin');
    expect(byHeader.get('TmpLahir')).toBe('tempatLahir');
    expect(byHeader.get('TglLahir')).toBe('tanggalLahir');
    expect(byHeader.get('HubKRT')).toBe('hubunganKeluarga');
    expect(byHeader.get('Hub_KRT')).toBeNull(); // the same field, already taken by HubKRT
    expect(byHeader.get('Sta_kawin')).toBe('statusKawin');
    expect(byHeader.get('Sta_hamil')).toBe('hamil');
    expect(byHeader.get('Jenis_cacat')).toBe('disabilitas');
    expect(byHeader.get('namagadis_ibukandung')).toBe('ibuKandung');
    expect(byHeader.get('KDPROP')).toBeNull();
  });

  it('DTKS pipe export field names (dtks-sulteng) are a DTKS layout', () => {
    expect(detectPreset(fieldsOf(DTKS_SULTENG))?.id).toBe('dtks');
  });

  it('a generic person list is not taken for a SIKS-NG proposal', () => {
    const generic = SIKS_NG_USULAN.filter((h) => !/PROGRAM|HAMIL|DISABILITAS/.test(h));
    expect(detectPreset(fieldsOf(generic))?.id).toBe('sederhana');
  });

  it('no preset without NIK and a name', () => {
    expect(detectPreset(['nama', 'alamat', 'rt', 'rw'])).toBeNull();
    expect(detectHeader([{ row: 1, cells: ['Kode', 'Uraian', 'Nama', 'Jumlah'] }]).detection).toBeNull();
  });

  it('saved mapping: header text → field, or "" to ignore; invalid field rejected', () => {
    const override = compileOverride({ 'Nomor Identitas': 'nik', 'Nama Penduduk': '', 'NAMA LENGKAP KPM': 'nama' });
    const d = detectHeader([{ row: 3, cells: ['NOMOR IDENTITAS', 'Nama Penduduk', 'Nama Lengkap KPM'] }], override).detection;
    expect(d?.columns.map((c) => c.field)).toEqual(['nik', null, 'nama']);
    expect(() => compileOverride({ NIK: 'nomorInduk' })).toThrow(expect.objectContaining({ code: 'MAPPING_INVALID' }));
  });
});
