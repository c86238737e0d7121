/**
 * The core process's entry script (bundled as coreChild.js): an Electron utility process in the desktop app,
 * a Node child process (child_process.fork) in browser mode and in tests. Same protocol on both.
 */
import { serveCore, type ParentLink } from './serve';

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;

function parentLink(): ParentLink {
  if (electronPort) {
    return { send: (message) => electronPort.postMessage(message), onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)) };
  }
  if (!process.send) throw new Error('coreChild must be started by the app (utilityProcess or child_process.fork)');
  // The parent went away (closed or killed): nobody can reach this process any more.
  process.on('disconnect', () => process.exit(0));
  // Ctrl+C in a terminal (and a SIGTERM sent to the whole process group) reaches this process too: the parent
  // shuts it down itself, after the backup-on-exit and with the database closed, instead of seeing a crash.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  return { send: (message) => void process.send!(message), onMessage: (listener) => process.on('message', listener) };
}

serveCore(parentLink());
