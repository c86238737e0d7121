import type { Generated } from 'kysely';
import type { RegistryTables } from '../registry/tables';
import type { ExportTables } from '../exports/tables';
import type { ProgramTables } from '../programs/tables';
import type { HandoverTables } from '../handovers/tables';
import type { MeetingsTables } from '../meetings/tables';
import type { InterventionTables } from '../interventions/tables';

/** Tables of the foundation; features add theirs by extending `Database` below. */
export interface FoundationTables {
  meta: { key: string; value: string };
  office: { id: number; profile_json: string; updated_at: string };
  app_user: {
    id: Generated<number>;
    username: string;
    nama: string;
    role: string;
    password_hash: string;
    wilayah_json: Generated<string>;
    active: Generated<number>;
    failed_attempts: Generated<number>;
    locked_until: string | null;
    created_at: string;
    updated_at: string;
  };
  region: { kode: string; nama: string; level: string; parent_kode: string | null; search_key: string };
  region_alias: { kode: string; alias_key: string; source: string };
  region_bps: { bps_kode: string; kode: string };
  region_alias_kantor: { id: Generated<number>; level: 'kecamatan' | 'desa'; alias: string; alias_key: string; kode: string; created_by: number | null; created_at: string };
  document_counter: { kind: string; tahun: number; last_seq: number };
  audit_log: {
    id: Generated<number>;
    at: string;
    user_id: number | null;
    username: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before_json: string | null;
    after_json: string | null;
    note: string | null;
  };
}

// Each feature adds its tables here (its own `<feature>/tables.ts`).
export interface Database extends FoundationTables, RegistryTables, MeetingsTables, ProgramTables, HandoverTables, InterventionTables, ExportTables {}
