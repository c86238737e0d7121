/**
 * Practice data ("Coba dengan data latihan"): a separate demo database in its own file (latihan/ in the data
 * folder) filled with made-up families of the office's own kabupaten, programmes, a request, a collective
 * handover, a meeting with attendance and interventions by several OPD. While it is open every screen shows a
 * "DATA LATIHAN" band; `stop` goes back to the office's real database. The real database is never written.
 */
import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';

export interface DemoStatus {
  /** The demo database is the one open now. */
  active: boolean;
  /** A demo database exists (opened again as it was, unless refilled). */
  exists: boolean;
}

export interface DemoSummary extends DemoStatus {
  keluarga: number;
  anggota: number;
  program: number;
  penyerahan: number;
  rapat: number;
  intervensi: number;
}

export const demoStartSchema = z.object({
  /** Throw away the demo database and generate it again. */
  baru: z.boolean().default(false),
});

export const demoContract = {
  status: call({ input: z.undefined(), access: 'session', scope: 'none', audit: false, returns: returns<DemoStatus>() }),
  start: call({ input: demoStartSchema, access: 'office.manage', scope: 'none', audit: 'demo', noTransaction: withoutTransaction.reopen, returns: returns<DemoSummary>() }),
  stop: call({ input: z.undefined(), access: 'office.manage', scope: 'none', audit: 'demo', noTransaction: withoutTransaction.reopen, returns: returns<DemoStatus>() }),
};
