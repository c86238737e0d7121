import { describe, expect, it } from 'vitest';
import { failureNotice } from '../../../renderer/src/api/failureNotice';
import { expectedFailure } from '../../../electron/core/api/errors';
import { CommitOutcomeUnknown, DB_COMMIT_UNKNOWN_MESSAGE, DB_UNREACHABLE_MESSAGE } from '../../../electron/core/db/connectionLost';

/** What the window gets for a thrown error: dispatch's mapping, as the renderer's ApiError carries it. */
const asReceived = (error: unknown) => {
  const known = expectedFailure(error)!;
  return { message: known.message, details: known.details };
};
const lost = new Error('Connection terminated unexpectedly');

describe('how a failed save is announced', () => {
  it('a save lost at its COMMIT is "Belum pasti tersimpan", in orange, until closed', () => {
    expect(failureNotice(asReceived(new CommitOutcomeUnknown(lost)))).toEqual({ color: 'orange', title: 'Belum pasti tersimpan', message: DB_COMMIT_UNKNOWN_MESSAGE, autoClose: false });
  });

  it('a save lost before it was committed is "Gagal", as any other failure', () => {
    expect(failureNotice(asReceived(lost))).toEqual({ color: 'red', title: 'Gagal', message: DB_UNREACHABLE_MESSAGE, autoClose: 8000 });
    expect(failureNotice({ message: 'Data tidak valid.', details: undefined })).toMatchObject({ title: 'Gagal' });
  });
});
