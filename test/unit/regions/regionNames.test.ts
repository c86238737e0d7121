import { describe, expect, it } from 'vitest';
import { expandedKey, looseKey, nameKey, stripLevelPrefix } from '../../../electron/core/regions/regionNames';

describe('region names as operators write them', () => {
  it('drops a level word with or without its dot, and ignores case, spaces and punctuation', () => {
    expect(stripLevelPrefix('Kel. Mentawa Baru Hulu')).toBe('Mentawa Baru Hulu');
    expect(stripLevelPrefix('Ds.Pasir Putih')).toBe('Pasir Putih');
    expect(nameKey('DESA  Telaga-baru')).toBe('telagabaru');
    expect(nameKey('Kelurahan Mentawa Baru Hulu')).toBe(nameKey('mentawa baru hulu'));
    // A name that merely starts like a level word keeps it.
    expect(nameKey('Kotawaringin Timur')).toBe('kotawaringintimur');
  });

  it('spells out short forms of whole words only', () => {
    expect(expandedKey('MB Ketapang')).toBe('mentawabaruketapang');
    expect(expandedKey('Kec. M.B. Ketapang')).toBe('mentawabaruketapang');
    expect(expandedKey('Kel. MB Hulu')).toBe('mentawabaruhulu');
    expect(expandedKey('Sei Ubar Mandiiri')).toBe('sungaiubarmandiiri');
    expect(expandedKey('Tb. Penyahuan')).toBe('tumbangpenyahuan');
    // No short form in it: nothing to try beyond the name itself; "Mbah" is not "MB".
    expect(expandedKey('Ketapang')).toBeNull();
    expect(expandedKey('Mbah Tarjo')).toBeNull();
  });

  it('folds the old spelling but not typos', () => {
    expect(looseKey('soengaidjaja')).toBe(looseKey('sungaijaja'));
    expect(looseKey('tjempaga')).toBe('cempaga');
    // A doubled letter is a typo for the user to confirm, not a spelling to fold.
    expect(looseKey('mandiiri')).not.toBe(looseKey('mandiri'));
  });
});
