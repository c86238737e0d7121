import type { FeatureHandlers } from '../api/handlerTypes';
import { AppError } from '../api/errors';
import { recordAudit } from './record';
import { writeAuditSheet } from './exportSheet';
import { auditFacets, listAudit } from './queries';

export const auditHandlers: FeatureHandlers<'audit'> = {
  async list({ filter, page, pageSize }, ctx) {
    return listAudit(ctx.db, filter, page, pageSize);
  },

  async facets(_input, ctx) {
    return auditFacets(ctx.db);
  },

  async export(filter, ctx) {
    const now = ctx.now();
    const stamp = now.toISOString().slice(0, 10);
    let result;
    try {
      result = await writeAuditSheet(ctx.db, ctx.outbox, filter, `log-audit-${stamp}.xlsx`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new AppError('FILE_WRITE_FAILED', 'Berkas ekspor tidak dapat ditulis (disk penuh atau folder tidak dapat ditulisi). Tidak ada berkas setengah jadi yang tertinggal.');
      }
      throw error;
    }
    await recordAudit(ctx.db, ctx.session, { action: 'export', entity: 'audit_log', after: { filter, rows: result.rows }, note: result.file.name }, now);
    return result.file;
  },
};
