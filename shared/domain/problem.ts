/**
 * A validation finding shown to the user.
 * `code` is machine-readable UPPER_SNAKE (stable, used by code and tests);
 * `message` is the Indonesian text shown on screen and in rejected-row Excel files.
 */
export interface Problem {
  code: string;
  message: string;
}
