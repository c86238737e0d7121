export * from './problem';
export * from './nik';
export * from './terbilang';
export * from './tanggal';
export * from './nip';
export * from './rupiah';
export * from './jenisKelamin';
export * from './text';
