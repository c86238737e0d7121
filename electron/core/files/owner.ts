/**
 * The one rule for files the core keeps for a user (an uploaded sheet in import staging, a finished export in
 * the outbox): each is written with a small JSON record beside it naming the user it belongs to, and only that
 * user reaches it. For anyone else (another operator, an admin of the same office, a caller not signed in)
 * the id answers exactly as an id nobody has, so an id learnt elsewhere discloses nothing. Bound to the user,
 * not the sign-in: a file stays usable after the idle lock's sign-in again.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SessionInfo } from '../../../shared/api/auth';
import { AppError } from '../api/errors';
import { PRIVATE_FILE } from '../paths';

export type FileOwner = Pick<SessionInfo, 'userId'>;

/** The ids of owned files: 128 random bits in hex (anything else is never looked up on disk). */
const OWNED_ID = /^[a-f0-9]{32}$/;

/** Writes the record beside an owned file; `null` (no user) makes a file nobody can reach through a caller. */
export function writeOwnedMeta(metaPath: string, meta: object, owner: FileOwner | null): void {
  writeFileSync(metaPath, JSON.stringify({ ...meta, userId: owner?.userId ?? null }), { mode: PRIVATE_FILE });
}

/** The record of `caller`'s own file `id`; another user's file, a missing one or an ownerless one is NOT_FOUND. */
export function readOwnedMeta<T extends object>(metaPath: string, id: string, caller: FileOwner | null, notFoundMessage: string): T {
  const { userId, meta } = readMeta<T>(metaPath, id, notFoundMessage);
  if (caller === null || typeof userId !== 'number' || userId !== caller.userId) throw new AppError('NOT_FOUND', notFoundMessage);
  return meta;
}

/** The core's own read, whoever the file belongs to (the command line, tests); never for a caller's id. */
export function readMetaOfAnyOwner<T extends object>(metaPath: string, id: string, notFoundMessage: string): T {
  return readMeta<T>(metaPath, id, notFoundMessage).meta;
}

function readMeta<T extends object>(metaPath: string, id: string, notFoundMessage: string): { userId: unknown; meta: T } {
  if (!OWNED_ID.test(id) || !existsSync(metaPath)) throw new AppError('NOT_FOUND', notFoundMessage);
  const { userId, ...meta } = JSON.parse(readFileSync(metaPath, 'utf8')) as T & { userId?: unknown };
  return { userId, meta: meta as T };
}
