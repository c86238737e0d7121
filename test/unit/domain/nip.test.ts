import { describe, expect, it } from 'vitest';
import { formatNip, validateNip } from '../../../shared/domain/nip';

describe('formatNip', () => {
  it('groups 18-digit NIPs', () => {
    expect(formatNip('196605031991021001')).toBe('19660503 199102 1 001');
    expect(formatNip('19660503 199102 1 001')).toBe('19660503 199102 1 001');
    expect(formatNip(' 1966 0503 1991 0210 01 ')).toBe('19660503 199102 1 001');
    expect(formatNip('198512312010122003')).toBe('19851231 201012 2 003');
  });
  it('other lengths: spaces stripped, otherwise unchanged', () => {
    expect(formatNip('19660503 199102 001')).toBe('19660503199102001');
    expect(formatNip('-')).toBe('-');
    expect(formatNip('')).toBe('');
    expect(formatNip(null)).toBe('');
    expect(formatNip(undefined)).toBe('');
  });
});

describe('validateNip', () => {
  it('empty is fine', () => {
    expect(validateNip('')).toBeNull();
    expect(validateNip('  ')).toBeNull();
    expect(validateNip(null)).toBeNull();
    expect(validateNip(undefined)).toBeNull();
  });
  it('18 digits are fine, with or without grouping', () => {
    expect(validateNip('196605031991021001')).toBeNull();
    expect(validateNip('19660503 199102 1 001')).toBeNull();
  });
  it('wrong length or characters', () => {
    expect(validateNip('19660503 199102 001')?.code).toBe('NIP_LENGTH');
    expect(validateNip('19660503 199102 001')?.message).toContain('17 digit');
    expect(validateNip('1966O5031991021001')?.code).toBe('NIP_CHARS');
    expect(validateNip('19660503-199102-1-001')?.code).toBe('NIP_CHARS');
  });
});
