import type { Core } from '../core/app';
import type { CliApi } from './api';

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
  /**
   * Commands that work through contract calls, as the window does (import, export, backup, info): under
   * `npm run cli` the core runs in its own process, signed in as the command line. Returns the exit code.
   */
  api?(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, api: CliApi, io: CliIo): Promise<number>;
  /** Commands that set the database up themselves (init, templates) get the core in this process. */
  run?(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, core: Core, io: CliIo): Promise<number>;
}

/** The command line acts as an administrator working at the machine; its changes are audited as "cli". */
export { CLI_SESSION } from '../core/auth';
