import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CoreClients } from '../core/host/host';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'dinsos:call';

/**
 * Registers the contract on one IPC channel. A call is accepted only from the main frame of the app's own
 * window showing the app's own page; anything else (an iframe, another window, a navigated page) is refused.
 */
export function setupIpc(core: CoreClients, ownContents: () => WebContents | null, devServerUrl?: string) {
  const { call } = core.createClient();
  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown) => {
    if (!isOwnFrame(event, ownContents(), devServerUrl)) {
      return { ok: false, error: { code: 'FOREIGN_SENDER', message: 'Permintaan ditolak: bukan dari jendela aplikasi.' } };
    }
    return call(name, input);
  });
}

export function isOwnFrame(event: IpcMainInvokeEvent, own: WebContents | null, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  return (
    !!own &&
    !!frame &&
    event.sender === own &&
    frame === own.mainFrame &&
    isAppUrl(frame.url, devServerUrl)
  );
}
