import { utilityProcess } from 'electron';
import type { ChildHandle, SpawnCore } from '../core/host/host';

/**
 * The desktop app's core process: an Electron utility process (a Node process without a window) running
 * coreChild.js. The database, imports and every call's work live there, so the window's main process never
 * waits behind them; messages are structured clones (bytes stay bytes).
 */
export function utilityCore(script: string): SpawnCore {
  return (): ChildHandle => {
    const child = utilityProcess.fork(script, [], { serviceName: 'Dinsos Desk (inti)', stdio: 'inherit' });
    let alive = true;
    child.on('exit', () => (alive = false));
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (alive) child.postMessage(message);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
