import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_registry';
import * as m0003 from './0003_aid';
import * as m0004 from './0004_meetings';
import * as m0005 from './0005_exports';
import * as m0006 from './0006_registry_speed';
import * as m0007 from './0007_name_words';
import * as m0008 from './0008_member_region';
import * as m0009 from './0009_handover_parties';
import * as m0010 from './0010_opd_reference';
import * as m0011 from './0011_opd_trigger_labels';
import * as m0012 from './0012_p3ke_family';
import * as m0013 from './0013_usulan_import_batch';
import * as m0014 from './0014_region_alias_kantor';
import * as m0015 from './0015_jenis_alias_sk_tentang';
import * as m0016 from './0016_name_trigram';
import * as m0017 from './0017_office_set_up';
import * as m0018 from './0018_photo_bytes';

/**
 * Every migration, imported statically (kysely's file-system loader does not survive bundling).
 * Append only; the names are the schema history a database is checked against when it opens.
 */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registry': m0002,
  '0003_aid': m0003,
  '0004_meetings': m0004,
  '0005_exports': m0005,
  '0006_registry_speed': m0006,
  '0007_name_words': m0007,
  '0008_member_region': m0008,
  '0009_handover_parties': m0009,
  '0010_opd_reference': m0010,
  '0011_opd_trigger_labels': m0011,
  '0012_p3ke_family': m0012,
  '0013_usulan_import_batch': m0013,
  '0014_region_alias_kantor': m0014,
  '0015_jenis_alias_sk_tentang': m0015,
  '0016_name_trigram': m0016,
  '0017_office_set_up': m0017,
  '0018_photo_bytes': m0018,
};

export const migrationNames = Object.keys(migrations).sort();
