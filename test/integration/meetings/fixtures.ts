import type { Core } from '../../../electron/core/app';
import type { CallInput, CallName, CallOutput } from '../../../shared/api/contract';
import type { Picked } from '../../helpers/core';

/** A signed-in client whose calls go through dispatch (validation, permissions) and throw on failure. */
export function caller(core: Core, session: ReturnType<Core['createClient']>) {
  return {
    async ok<N extends CallName>(name: N, input: Picked<CallInput<N>>): Promise<CallOutput<N>> {
      const r = await session.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as CallOutput<N>;
    },
    async fail<N extends CallName>(name: N, input: Picked<CallInput<N>>) {
      const r = await session.call(name, input);
      if (r.ok) throw new Error(`${name} should have failed`);
      return r.error;
    },
  };
}

// Kotim: Kec. Mentawa Baru Ketapang (62.02.06) and Mentaya Hilir Utara (62.02.07).
export const KEC_MBK = '62.02.06';
export const KEC_MHU = '62.02.07';
export const DESA = {
  ketapang: '62.02.06.1003',
  sawahan: '62.02.06.1007',
  pasirPutih: '62.02.06.1009',
  bapeang: '62.02.06.2006',
  pondokDamar: '62.02.07.2001',
  bagendangHilir: '62.02.07.2002',
  natai: '62.02.07.2004',
} as const;

/** Structurally valid NIKs registered in Kotim (kecamatan 06), distinct serials. */
export function nik(serial: number, female = false): string {
  const day = female ? 52 : 12;
  return `620206${day}0390${String(serial).padStart(4, '0')}`;
}
