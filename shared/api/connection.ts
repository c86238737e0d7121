/**
 * Where this PC's data lives (issue 18): "Satu komputer" (a SQLite file in this PC's data folder, the default)
 * or "Server kantor" (the office's PostgreSQL). Chosen in the setup wizard and later in Pengaturan by an admin.
 * The password travels only in `test`/`save` and is stored as ciphertext (Platform.secrets); it is never
 * answered back.
 */
import { z } from 'zod';
import { call, returns, withoutTransaction } from './define';

export const DEFAULT_PG_PORT = 5432;

/** How the server's TLS certificate is checked; libpq's sslmode require, verify-ca, verify-full. */
export const certChecks = ['none', 'ca', 'full'] as const;
export type CertCheck = (typeof certChecks)[number];

export const serverConnectionSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, 'Isi alamat server (nama komputer atau alamat IP).')
    .max(253)
    .regex(/^[A-Za-z0-9._-]+$|^\[[0-9A-Fa-f:.]+\]$/, 'Alamat server hanya berisi huruf, angka, titik dan tanda hubung (mis. 192.168.1.10 atau server-dinsos).'),
  port: z.coerce.number({ message: 'Port berupa angka.' }).int('Port berupa angka bulat.').min(1, 'Port 1–65535.').max(65535, 'Port 1–65535.').default(DEFAULT_PG_PORT),
  database: z.string().trim().min(1, 'Isi nama basis data.').max(63, 'Nama basis data paling panjang 63 karakter.').regex(/^[A-Za-z0-9_-]+$/, 'Nama basis data hanya huruf, angka, garis bawah atau tanda hubung.'),
  user: z.string().trim().min(1, 'Isi nama pengguna basis data.').max(63, 'Nama pengguna paling panjang 63 karakter.').regex(/^[A-Za-z0-9_.-]+$/, 'Nama pengguna hanya huruf, angka, titik, garis bawah atau tanda hubung.'),
  password: z.string().max(200, 'Sandi terlalu panjang.').default(''),
  ssl: z.boolean().default(false),
  /** "Periksa sertifikat server": not at all (encrypted only), signed by the CA, or also made for this host. */
  certCheck: z.enum(certChecks).default('none'),
  /** The CA certificate's PEM text (the form reads the chosen .crt/.pem file); null: the public CAs. */
  caCert: z.string().max(100_000, 'Berkas sertifikat CA terlalu besar.').nullable().default(null),
});
export type ServerConnectionInput = z.input<typeof serverConnectionSchema>;
export type ServerConnection = z.output<typeof serverConnectionSchema>;

export const connectionChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('lokal') }),
  serverConnectionSchema.extend({ mode: z.literal('server') }),
]);
export type ConnectionChoiceInput = z.input<typeof connectionChoiceSchema>;

export const connectionModeLabels = { lokal: 'Satu komputer', server: 'Server kantor' } as const;

/** This PC's current connection, as the admin may see it: never the password. */
export interface ConnectionInfo {
  mode: 'lokal' | 'server';
  /** Server mode: where it points (no password). */
  server: Omit<ServerConnection, 'password'> | null;
  /** True when the app was started with --db / DINSOS_DB: that wins, the choice cannot be changed here. */
  fixedByStart: boolean;
  /** The saved server (`server`) cannot be opened on this PC (see `lost`): enter it again. */
  unreadable: boolean;
  /** With `unreadable`: why, and what the recovery screen tells the user to do. */
  lost: { reason: LostReason; message: string; localAllowed: boolean } | null;
}

/**
 * Why a PC asks for its office server again: the saved password cannot be decrypted here, or not in this mode
 * (browser mode without protected storage), or koneksi.json is missing or damaged while this PC's own file
 * holds no office.
 */
export type LostReason = 'password' | 'noSecrets' | 'missing' | 'damaged';

/**
 * What a reachable server holds: an empty database (a new office is set up there), an office to join, or an office
 * set up before whose accounts are gone (joining it leads to the recovery screen, a restore from backup).
 */
export interface ConnectionTest {
  state: 'kosong' | 'kantor' | 'tanpaAkun';
  officeName: string | null;
  message: string;
  /** This PC may not go over to it (saving would be refused): the message says why and what to do instead. */
  blocked?: boolean;
}

export const connectionContract = {
  /** Anyone's in the first set-up or while the saved server cannot be opened here; else an admin's ('connect'). */
  status: call({ input: z.undefined(), access: 'connect', scope: 'none', audit: false, returns: returns<ConnectionInfo>() }),
  /** Connects to the server and says what it holds; nothing is stored or changed. */
  test: call({ input: serverConnectionSchema, access: 'connect', scope: 'none', audit: false, returns: returns<ConnectionTest>() }),
  /** Stores the choice on this PC and switches the app to it (everyone signs in again there). */
  save: call({
    input: connectionChoiceSchema,
    access: 'connect', scope: 'none', audit: 'database', noTransaction: withoutTransaction.reopen,
    returns: returns<ConnectionInfo & { joined: ConnectionTest | null }>(),
  }),
};
