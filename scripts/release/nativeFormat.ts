/**
 * Which OS and CPU a compiled native module (`.node`) was built for, read from its file header — not from the
 * host's platform name, which says nothing about the files npm left in node_modules. A Windows installer that
 * carries Linux's node_sqlite3.node fails on its first database call, so the release path checks this.
 *
 * Formats: PE (Windows: "MZ", the PE header offset at 0x3C, "PE\0\0", machine), ELF (Linux: "\x7fELF", e_machine
 * at 18), Mach-O (macOS: 0xfeedface/0xfeedfacf, or a universal "fat" file 0xcafebabe listing several CPUs).
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type NativeOs = 'win32' | 'linux' | 'darwin';
export type NativeArch = 'x64' | 'arm64' | 'ia32' | 'arm';

export interface NativeFormat {
  os: NativeOs;
  /** Every CPU the file holds code for (a macOS universal file holds two). */
  archs: NativeArch[];
  /** How the header reads, for messages: "ELF x86-64", "PE x64", "Mach-O universal (x64, arm64)". */
  label: string;
}

export interface Target {
  os: NativeOs;
  arch: NativeArch;
}

const OS_NAMES: Record<NativeOs, string> = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };
const PE_MACHINES: Record<number, NativeArch> = { 0x8664: 'x64', 0xaa64: 'arm64', 0x014c: 'ia32', 0x01c4: 'arm' };
const ELF_MACHINES: Record<number, [NativeArch, string]> = { 0x3e: ['x64', 'x86-64'], 0xb7: ['arm64', 'AArch64'], 0x03: ['ia32', 'x86'], 0x28: ['arm', 'ARM'] };
const MACHO_CPUS: Record<number, NativeArch> = { 0x01000007: 'x64', 0x0100000c: 'arm64', 0x07: 'ia32', 0x0c: 'arm' };

/** The number of header bytes the reader needs (a PE header sits at most a few hundred bytes in). */
export const HEADER_BYTES = 4096;

/** Reads the format from the first bytes of a file; null when the bytes are none of PE, ELF or Mach-O. */
export function readNativeFormat(header: Uint8Array): NativeFormat | null {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const has = (offset: number, bytes: number) => offset >= 0 && offset + bytes <= header.byteLength;
  if (has(0, 2) && header[0] === 0x4d && header[1] === 0x5a) {
    if (!has(0x3c, 4)) return null;
    const pe = view.getUint32(0x3c, true);
    if (!has(pe, 6) || view.getUint32(pe, false) !== 0x50450000) return null;
    const machine = view.getUint16(pe + 4, true);
    const arch = PE_MACHINES[machine];
    return { os: 'win32', archs: arch ? [arch] : [], label: `PE ${arch ?? `mesin 0x${machine.toString(16)}`}` };
  }
  if (has(0, 20) && view.getUint32(0, false) === 0x7f454c46) {
    const littleEndian = header[5] !== 2;
    const machine = view.getUint16(18, littleEndian);
    const known = ELF_MACHINES[machine];
    return { os: 'linux', archs: known ? [known[0]] : [], label: `ELF ${known ? known[1] : `mesin 0x${machine.toString(16)}`}` };
  }
  if (has(0, 8)) {
    const magicBe = view.getUint32(0, false);
    if (magicBe === 0xcafebabe) {
      // Universal file: big-endian count, then 20-byte entries starting with the CPU type.
      const count = view.getUint32(4, false);
      const archs: NativeArch[] = [];
      for (let i = 0; i < count && has(8 + i * 20, 4); i++) {
        const arch = MACHO_CPUS[view.getUint32(8 + i * 20, false)];
        if (arch) archs.push(arch);
      }
      return { os: 'darwin', archs, label: `Mach-O universal (${archs.join(', ')})` };
    }
    const magicLe = view.getUint32(0, true);
    if (magicLe === 0xfeedface || magicLe === 0xfeedfacf) {
      const arch = MACHO_CPUS[view.getUint32(4, true)];
      return { os: 'darwin', archs: arch ? [arch] : [], label: `Mach-O ${arch ?? 'CPU tidak dikenal'}` };
    }
  }
  return null;
}

export function readNativeFile(path: string): NativeFormat | null {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, buffer, 0, HEADER_BYTES, 0);
    return readNativeFormat(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
}

export function describeTarget(target: Target): string {
  return `${OS_NAMES[target.os]} ${target.arch}`;
}

/** Null when the module fits the target; otherwise the Indonesian reason, naming the file and what it is. */
export function mismatch(name: string, format: NativeFormat | null, target: Target): string | null {
  if (!format) return `${name} bukan modul native yang dikenali (bukan PE, ELF, atau Mach-O).`;
  if (format.os === target.os && format.archs.includes(target.arch)) return null;
  const built = `${OS_NAMES[format.os]} (${format.label})`;
  const hint =
    target.os === 'win32'
      ? 'jalankan dist:win di Windows (lihat README, bagian "Membuat installer Windows")'
      : `bangun di ${OS_NAMES[target.os]} dengan npm ci`;
  return `${name} dibuat untuk ${built}, bukan ${describeTarget(target)}: ${hint}.`;
}

/** Every `.node` file under a folder (recursively), skipping node-gyp's intermediate obj.target copies. */
export function findNativeModules(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'obj.target') walk(path);
      } else if (entry.name.endsWith('.node') && statSync(path).isFile()) {
        found.push(path);
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** Checks every native module under the given folders; the list of refusals (empty: all fit). */
export function checkNativeModules(folders: string[], target: Target, base: string): { checked: string[]; problems: string[] } {
  const checked: string[] = [];
  const problems: string[] = [];
  // A nested package lies inside its parent's folder: check each file once.
  const files = [...new Set(folders.flatMap((folder) => findNativeModules(folder)))].sort();
  for (const file of files) {
    const name = relative(base, file).split('\\').join('/');
    checked.push(name);
    const reason = mismatch(name, readNativeFile(file), target);
    if (reason) problems.push(reason);
  }
  return { checked, problems };
}
