import { readFileSync, writeFileSync } from 'node:fs';

/**
 * This process's own peak resident set size, in MB. Not `process.resourceUsage().maxRSS` alone: Linux keeps
 * ru_maxrss across fork and exec, so a child reports at least the resident size its parent had when it started
 * the child (the maxsheet bench, whose runner had just generated the sheet with exceljs, printed 1,187 MB for an
 * import that never passed 370 MB). /proc/self/status's VmHWM belongs to this process's own memory map; where there is none
 * (macOS, Windows) maxRSS is what there is.
 */
export function ownPeakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s*(\d+)\s*kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Starts this process's peak resident size again from what it holds now (Linux: "5" to /proc/self/clear_refs),
 * so that a later step's peak is its own; false where that is not possible (then the peak includes earlier steps).
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
