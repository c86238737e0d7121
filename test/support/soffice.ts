import { existsSync } from 'node:fs';

/** LibreOffice's command-line binary where Debian's `libreoffice-calc-nogui` puts it, or undefined. */
export const soffice = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice'].find((p) => existsSync(p));

/** CI installs LibreOffice Calc (.ci/run): there a missing binary is a failure, not a skip. */
export const runCalcTests = Boolean(soffice) || process.env.CI === 'true';
