import path from 'node:path';
import esbuild from 'esbuild';
import { JOB_WORKER_OLD_SPACE_MB, JOB_WORKER_YOUNG_SPACE_MB } from '../../electron/core/host/workerLink';
import { ROOT } from '../helpers/webApp';

/**
 * A benchmark's child script as one bundled .cjs for plain node, as the packaged app's main process runs
 * (electron-vite bundles it); under tsx the loader alone adds 45–90 MB of RSS that the app does not have.
 * Packages stay external and resolve from the project's node_modules (NODE_PATH in childEnv()).
 */
export function bundleScript(entry: string, dir: string, name = `${path.basename(entry, '.ts')}.cjs`): string {
  const outfile = path.join(dir, name);
  esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, packages: 'external', logLevel: 'error' });
  return outfile;
}

/** The environment a bundled child needs to find the project's packages from a temporary folder. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), ...extra };
}

/**
 * Node options for a child that runs an import as the app does: in the job worker, under its V8 heap limits
 * (workerLink.ts), which decide how far the heap grows between collections. A young generation is three
 * semi-spaces in V8 (a worker's maxYoungGenerationSizeMb is the three together).
 */
export const JOB_HEAP_ARGS: readonly string[] = [`--max-old-space-size=${JOB_WORKER_OLD_SPACE_MB}`, `--max-semi-space-size=${JOB_WORKER_YOUNG_SPACE_MB / 3}`];

/**
 * A bundled child that runs imports, with the import's reader thread beside it as the app ships it
 * (electron-vite's importReader.js next to the job worker; imports/threadedSource.ts looks for it there).
 */
export function bundleImportScript(entry: string, dir: string): string {
  bundleScript(path.join(ROOT, 'electron/core/imports/readerThread.ts'), dir, 'importReader.js');
  return bundleScript(entry, dir);
}
