/**
 * The renderer's Content-Security-Policy, sent by the Electron protocol handler and the browser-mode server
 * alike. No eval, no remote origins. Inline styles are allowed because the UI kit sets style attributes;
 * documents previewed in a sandboxed iframe need inline <style> and the logo as a data: image.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
