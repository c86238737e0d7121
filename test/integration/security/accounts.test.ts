import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/app';
import type { AuditRow } from '../../../shared/api/audit';
import type { FileRef } from '../../../shared/api/files';
import type { UserSummary } from '../../../shared/api/users';
import { openTestCore, setUpOffice, ok } from '../../helpers/core';

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

async function code(caller: Awaited<ReturnType<typeof setUpOffice>>, name: string, input?: unknown): Promise<string> {
  const r = await caller.call(name, input);
  return r.ok ? 'ok' : r.error.code;
}

describe('accounts', () => {
  it('admin creates, edits and deactivates accounts; the last active admin cannot be removed; everything is audited', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    const petugas = await ok<UserSummary>(admin, 'users.create', { nama: 'Sari Petugas', username: 'Sari', role: 'petugas', wilayah: [], password: 'petugas-sari-01' });
    expect(petugas.username).toBe('sari'); // typed with a capital, kept lower-case
    expect(await code(admin, 'users.create', { nama: 'Sari Lain', username: 'sari', role: 'petugas', wilayah: [], password: 'petugas-sari-02' })).toBe('CONFLICT');
    // An operator needs an area, and it must be in the office's kabupaten.
    expect(await code(admin, 'users.create', { nama: 'Tanpa Wilayah', username: 'ops1', role: 'operator', wilayah: [], password: 'operator-ops-01' })).toBe('INVALID_INPUT');
    const outside = await admin.call('users.create', { nama: 'Luar Kab', username: 'ops2', role: 'operator', wilayah: ['62.71.01'], password: 'operator-ops-01' });
    expect(!outside.ok && outside.error.message).toMatch(/di luar kabupaten\/kota kantor ini/);

    const users = await ok<UserSummary[]>(admin, 'users.list');
    const adminId = users.find((u) => u.username === 'admin')!.id;
    expect(await code(admin, 'users.update', { id: adminId, nama: 'Siti Rahmawati', role: 'petugas', wilayah: [], active: true })).toBe('LAST_ADMIN');
    // Signed in elsewhere when the admin changes the account: that session ends at once.
    const elsewhere = core.createClient();
    await ok(elsewhere, 'auth.login', { username: 'sari', password: 'petugas-sari-01' });
    await ok(admin, 'users.update', { id: petugas.id, nama: 'Sari Petugas', role: 'admin', wilayah: [], active: true });
    expect(await code(elsewhere, 'users.changeOwnPassword', { currentPassword: 'petugas-sari-01', newPassword: 'petugas-sari-09', confirmPassword: 'petugas-sari-09' })).toBe('UNAUTHENTICATED');
    expect(await code(admin, 'users.list')).toBe('ok'); // the admin who made the change stays signed in
    await ok(admin, 'users.update', { id: petugas.id, nama: 'Sari Petugas', role: 'petugas', wilayah: [], active: false });
    const sari = core.createClient();
    expect(await code(sari, 'auth.login', { username: 'sari', password: 'petugas-sari-01' })).toBe('LOGIN_FAILED');

    const audit = await ok<{ rows: AuditRow[] }>(admin, 'audit.list', { filter: { entity: 'app_user' } });
    const mine = audit.rows.filter((r) => r.entityId === String(petugas.id)).map((r) => r.action);
    expect(mine).toEqual(['status', 'update', 'login', 'create']);
    const statusRow = audit.rows.find((r) => r.action === 'status')!;
    expect(statusRow.before).toMatchObject({ active: true, role: 'admin' });
    expect(statusRow.after).toMatchObject({ active: false, role: 'petugas' });
    expect(JSON.stringify(audit.rows)).not.toContain('scrypt$'); // no password hash in history
  });

  it('locks after 5 failed logins; an admin reset unlocks; a user changes their own password', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    const budi = await ok<UserSummary>(admin, 'users.create', { nama: 'Budi Operator', username: 'budi', role: 'operator', wilayah: ['62.02.01'], password: 'operator-budi-01' });
    const client = core.createClient();
    for (let i = 0; i < 5; i++) expect(await code(client, 'auth.login', { username: 'budi', password: 'salah-salah-salah' })).toBe('LOGIN_FAILED');
    expect(await code(client, 'auth.login', { username: 'budi', password: 'operator-budi-01' })).toBe('ACCOUNT_LOCKED');
    expect((await ok<UserSummary[]>(admin, 'users.list')).find((u) => u.id === budi.id)?.lockedUntil).not.toBeNull();

    await ok(admin, 'users.resetPassword', { id: budi.id, password: 'baru-budi-2024' });
    await ok(client, 'auth.login', { username: 'budi', password: 'baru-budi-2024' });
    expect(await code(client, 'users.changeOwnPassword', { currentPassword: 'keliru-sekali', newPassword: 'lebih-baru-2024', confirmPassword: 'lebih-baru-2024' })).toBe('INVALID_INPUT');
    expect(await code(client, 'users.changeOwnPassword', { currentPassword: 'baru-budi-2024', newPassword: 'lebih-baru-2024', confirmPassword: 'lain-lagi-2024' })).toBe('INVALID_INPUT');
    await ok(client, 'users.changeOwnPassword', { currentPassword: 'baru-budi-2024', newPassword: 'lebih-baru-2024', confirmPassword: 'lebih-baru-2024' });
    await ok(client, 'auth.logout');
    await ok(client, 'auth.login', { username: 'budi', password: 'lebih-baru-2024' });

    // The stored hash is scrypt with its own salt: two users with the same password get different hashes.
    await ok(admin, 'users.create', { nama: 'Dina Operator', username: 'dina', role: 'operator', wilayah: ['62.02.01'], password: 'lebih-baru-2024' });
    const hashes = await core.db.selectFrom('app_user').select(['username', 'password_hash']).where('username', 'in', ['budi', 'dina']).execute();
    expect(hashes.every((h) => h.password_hash.startsWith('scrypt$'))).toBe(true);
    expect(hashes[0]!.password_hash).not.toBe(hashes[1]!.password_hash);
  });

  it('the audit log cannot be changed, and its export is a real sheet that is itself audited', async () => {
    core = await openTestCore();
    const admin = await setUpOffice(core);
    await ok(admin, 'users.create', { nama: '=HYPERLINK("http://x","klik")', username: 'aneh', role: 'petugas', wilayah: [], password: 'petugas-aneh-01' });
    await expect(core.db.updateTable('audit_log').set({ note: 'diubah' }).execute()).rejects.toThrow(/append-only/);
    await expect(core.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);

    const file = await ok<FileRef>(admin, 'audit.export', { entity: 'app_user' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(core.services.outbox.get(file.id).path);
    const sheet = workbook.getWorksheet('Log Audit')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['No', 'Waktu', 'Pengguna', 'Tindakan', 'Data', 'ID', 'Sebelum', 'Sesudah', 'Catatan']);
    const rows = [];
    for (let i = 2; i <= sheet.rowCount; i++) rows.push((sheet.getRow(i).values as unknown[]).slice(1));
    expect(rows.map((r) => r[3])).toEqual(['Tambah', 'Tambah']);
    expect(rows.every((r) => r[4] === 'Pengguna')).toBe(true);
    expect(String(rows[1]?.[7])).toContain('nama: =HYPERLINK');
    // No cell is a formula.
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const exported = await ok<{ rows: AuditRow[] }>(admin, 'audit.list', { filter: { action: 'export' } });
    expect(exported.rows[0]?.entity).toBe('audit_log');
  });
});
