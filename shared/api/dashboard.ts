import { z } from 'zod';
import { call, returns } from './define';

export interface WilayahCounts {
  keluarga: number;
  jiwa: number;
  /** Families in desil 1–4, the group bansos targets. */
  desil14: number;
  ekstrem: number;
  /** Extreme-poor families no agency has reached yet. */
  ekstremTanpaIntervensi: number;
}

export interface BantuanTahunIni {
  programId: number;
  program: string;
  sumberDana: string;
  penerima: number;
  nilai: number;
}

export interface DashboardSummary {
  tahun: number;
  kabKotaNama: string;
  totals: WilayahCounts;
  perKecamatan: Array<WilayahCounts & { kode: string; nama: string }>;
  bantuan: BantuanTahunIni[];
}

export const dashboardContract = {
  summary: call({
    input: z.object({ tahun: z.number().int().min(2000).max(2100).optional() }),
    access: 'dashboard.read', scope: 'wilayah', audit: false,
    returns: returns<DashboardSummary>(),
  }),
};
