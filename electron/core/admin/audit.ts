/** Moved to core/audit/record.ts (it depends only on the database); re-exported for existing imports. */
export { recordAudit, type AuditEntry } from '../audit/record';
