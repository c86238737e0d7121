/**
 * Rebuilds test/fixtures/usulan/: the messy operator sheet of the import tests (test/integration/imports/messySheet.ts)
 * written as .xlsx by exceljs, then saved by LibreOffice Calc as .xls (Excel 97–2003), .ods and .csv (its DATA
 * sheet), so the same sheet can be imported in every format the clerk receives (issue 15).
 * Then the password-protected copies, made from Calc's files because LibreOffice 7.4's command line cannot set a
 * password: `usulan-sandi.xls` is usulan.xls with the FilePass record (RC4, Excel 97's "Encrypt with Password")
 * after the workbook's BOF, as Excel writes it (the records after it are left readable: a reader must stop at
 * FilePass); `usulan-sandi.ods` has the manifest's <manifest:encryption-data> on content.xml and content.xml as
 * random bytes, as an encrypted OpenDocument stores it.
 * Not run by CI: the files are committed. Needs LibreOffice (Debian 12: libreoffice-calc-nogui).
 * Usage (repo root): npx tsx scripts/usulan/make.ts
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import os from 'node:os';
import path from 'node:path';
import { messySheets } from '../../test/integration/imports/messySheet';
import { buildWorkbook } from '../../test/helpers/xlsx';

const OUT = path.join(__dirname, '../../test/fixtures/usulan');

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'usulan-'));
  const xlsx = path.join(OUT, 'usulan.xlsx');
  const wb = buildWorkbook(messySheets().sheets);
  // DATA is the tab open on saving: Calc makes a hidden sheet visible when it is the active one.
  wb.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 1, visibility: 'visible' }];
  await wb.xlsx.writeFile(xlsx);
  const profile = `-env:UserInstallation=file://${work}/lo-profile`;
  const soffice = (filter: string) =>
    execFileSync('soffice', ['--headless', profile, '--convert-to', filter, '--outdir', OUT, xlsx], { stdio: 'ignore' });
  soffice('xls:MS Excel 97');
  soffice('ods');
  // CSV of the second sheet (DATA; the first is the hidden Referensi): comma, UTF-8 (76), cells as shown.
  soffice('csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2');
  fs.renameSync(path.join(OUT, 'usulan-DATA.csv'), path.join(OUT, 'usulan.csv'));
  fs.rmSync(work, { recursive: true, force: true });
  encryptedXls();
  await encryptedOds();
  for (const f of fs.readdirSync(OUT)) console.log(f, fs.statSync(path.join(OUT, f)).size);
}

/** usulan.xls with a FilePass record (RC4 standard encryption, version 1.1) right after the first BOF. */
function encryptedXls(): void {
  const cfb = XLSX.CFB.read(fs.readFileSync(path.join(OUT, 'usulan.xls')), { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook');
  if (!entry?.content) throw new Error('usulan.xls has no Workbook stream');
  const stream = Buffer.from(entry.content as Uint8Array);
  if (stream.readUInt16LE(0) !== 0x0809) throw new Error('Workbook stream does not start with BOF');
  const bofEnd = 4 + stream.readUInt16LE(2);
  const body = Buffer.concat([
    Buffer.from([0x01, 0x00, 0x01, 0x00, 0x01, 0x00]), // wEncryptionType RC4, vMajor 1, vMinor 1
    crypto.randomBytes(48), // salt, encrypted verifier, encrypted verifier hash
  ]);
  const head = Buffer.alloc(4);
  head.writeUInt16LE(0x002f, 0);
  head.writeUInt16LE(body.length, 2);
  entry.content = Buffer.concat([stream.subarray(0, bofEnd), head, body, stream.subarray(bofEnd)]);
  entry.size = entry.content.length;
  fs.writeFileSync(path.join(OUT, 'usulan-sandi.xls'), XLSX.CFB.write(cfb, { type: 'buffer', fileType: 'cfb' }) as Buffer);
}

/** usulan.ods as LibreOffice stores it with "Save with password": content.xml encrypted, named so in the manifest. */
async function encryptedOds(): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(OUT, 'usulan.ods')));
  const manifest = await zip.file('META-INF/manifest.xml')!.async('string');
  const encryption =
    '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" ' +
    'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" ' +
    'manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" ' +
    'manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>';
  const edited = manifest.replace(
    /(<manifest:file-entry manifest:full-path="content.xml"[^>]*?)\/>/,
    `$1>${encryption}</manifest:file-entry>`,
  );
  if (edited === manifest) throw new Error('content.xml not in the manifest');
  zip.file('META-INF/manifest.xml', edited);
  zip.file('content.xml', crypto.randomBytes(4096), { compression: 'STORE' });
  // The OpenDocument signature: the first entry, stored uncompressed.
  zip.file('mimetype', await zip.file('mimetype')!.async('nodebuffer'), { compression: 'STORE' });
  const out = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(path.join(OUT, 'usulan-sandi.ods'), out);
}

void main();
