import { z } from 'zod';
import { call, returns } from './define';
import { regionCodeField } from './fields';

export const regionLevels = ['provinsi', 'kabupaten', 'kota', 'kecamatan', 'kelurahan', 'desa', 'desa_adat'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export interface Region {
  kode: string;
  nama: string;
  level: RegionLevel;
  parentKode: string | null;
}

export interface RegionWithPath extends Region {
  /** Ancestors from the province down, e.g. [Kalimantan Tengah, Kab. Kotawaringin Timur, Baamang]. */
  path: Region[];
}

export const regionSearchSchema = z.object({
  q: z.string().trim().max(100),
  levels: z.array(z.enum(regionLevels)).max(7).optional(),
  /** Only regions below this code (dotted). */
  within: regionCodeField.optional(),
  limit: z.number().int().min(1).max(200).default(20),
});

export const regionsContract = {
  search: call({ input: regionSearchSchema, access: 'public', scope: 'none', audit: false, returns: returns<RegionWithPath[]>() }),
  children: call({
    input: z.object({ parent: regionCodeField.nullable() }),
    access: 'public', scope: 'none', audit: false,
    returns: returns<Region[]>(),
  }),
  get: call({ input: z.object({ kode: regionCodeField }), access: 'public', scope: 'none', audit: false, returns: returns<RegionWithPath | null>() }),
};
