import { describe, it, expect } from 'vitest';
import { base64DecodedLength, base64Encode, base64EncodeUtf8, base64ErrorMessage, base64ErrorOffset, utf8Encode } from './base64';

describe('base64ErrorOffset', () => {
  it('matches encoding/base64 CorruptInputError offsets', () => {
    expect(base64ErrorOffset('aGVsbG8=')).toBe(-1);
    expect(base64ErrorOffset('aGVsbA==')).toBe(-1);
    expect(base64ErrorOffset('')).toBe(-1);
    expect(base64ErrorOffset('admin')).toBe(4);
    expect(base64ErrorOffset('my-password')).toBe(2);
    expect(base64ErrorOffset('aGVsbG8')).toBe(4);
    expect(base64ErrorOffset('aGVs\nbG8=')).toBe(-1);
    expect(base64ErrorOffset('aGVs\r\nbG8=\n')).toBe(-1);
    expect(base64ErrorOffset('a===')).toBe(1);
    expect(base64ErrorOffset('aGVsbA=')).toBe(7);
    expect(base64ErrorOffset('aGVsbA==x')).toBe(8);
  });

  it('prints the error as Go does', () => {
    expect(base64ErrorMessage(4)).toBe('illegal base64 data at input byte 4');
  });
});

describe('base64EncodeUtf8', () => {
  it('encodes the UTF-8 bytes with padding', () => {
    expect(base64EncodeUtf8('hello')).toBe('aGVsbG8=');
    expect(base64EncodeUtf8('hell')).toBe('aGVsbA==');
    expect(base64EncodeUtf8('abc')).toBe('YWJj');
    expect(base64EncodeUtf8('é€😀')).toBe('w6nigqzwn5iA');
    expect(base64EncodeUtf8('')).toBe('');
  });

  it('is base64Encode of utf8Encode', () => {
    expect(utf8Encode('aé€😀')).toEqual([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(base64Encode([0xff, 0xfe])).toBe('//4=');
  });
});

describe('base64DecodedLength', () => {
  it('counts decoded bytes, ignoring line breaks and padding', () => {
    expect(base64DecodedLength('aGVsbG8=')).toBe(5);
    expect(base64DecodedLength('aGVsbA==')).toBe(4);
    expect(base64DecodedLength('YWJj\nYWJj')).toBe(6);
  });
});
