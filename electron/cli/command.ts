import type { Core } from '../core/app';

export interface CliIo {
  json: boolean;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Extra options besides the common --db, --json, --help (node:util parseArgs shape). */
  options?: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /**
   * Commands that must work when the database cannot be opened (restore) run here instead of `run`, with no
   * core: they get the database path the user named, if any.
   */
  standalone?(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, env: { dbPath?: string; resourcesDir: string }, io: CliIo): Promise<number>;
  /** Returns the process exit code. */
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, core: Core, io: CliIo): Promise<number>;
}

/** The command line acts as an administrator working at the machine; its changes are audited as "cli". */
export const CLI_SESSION = {
  userId: 0,
  username: 'cli',
  nama: 'Baris perintah',
  role: 'admin' as const,
  wilayah: [] as string[],
};
