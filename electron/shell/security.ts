import { shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';

export const APP_ORIGIN = 'app://dinsos';

/** The one gate for links that leave the app: only plain https pages, opened in the user's browser. */
export function openExternalSafely(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  void shell.openExternal(parsed.toString());
  return true;
}

export function isAppUrl(url: string, devServerUrl?: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || (!!devServerUrl && url.startsWith(devServerUrl));
}

/** No camera, microphone, notifications, geolocation…: the app needs none, so every request is refused. */
export function setupSessionSecurity(session: Session) {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/** The window may show only the app itself: navigation elsewhere and new windows are denied. */
export function setupContentsSecurity(contents: WebContents, devServerUrl?: string) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) {
      event.preventDefault();
      openExternalSafely(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
