/**
 * JSON for the browser-mode transport (IPC needs no codec: structured clone). No call carries bytes: a picked
 * file streams to POST /uploads and calls take its reference (shared/api/files.ts), so plain JSON suffices.
 */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value);
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text);
}
