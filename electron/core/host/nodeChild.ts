import { fork } from 'node:child_process';
import type { ChildHandle, SpawnCore } from './host';

/**
 * Browser mode, the CLI and tests: the core process as a Node child (same protocol as Electron's utility
 * process). 'advanced' serialisation carries Uint8Array payloads (uploads, PDFs) as bytes, not JSON.
 */
export function forkNodeCore(script: string, options: { env?: NodeJS.ProcessEnv; execArgv?: string[] } = {}): SpawnCore {
  return (): ChildHandle => {
    const child = fork(script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: options.env ?? process.env,
      execArgv: options.execArgv ?? [],
    });
    child.on('error', () => undefined);
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
