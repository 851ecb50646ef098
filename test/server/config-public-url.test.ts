import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../server/config.ts';

const publicUrl = (env: Record<string, string>) => parseConfig({ PGLITE_DIR: 'memory://', ...env }).publicUrl;

describe('PUBLIC_URL', () => {
  it('defaults to http://HOST:PORT', () => {
    expect(publicUrl({})).toBe('http://127.0.0.1:3000');
    expect(publicUrl({ HOST: 'thads.local', PORT: '8080' })).toBe('http://thads.local:8080');
    expect(publicUrl({ HOST: '::1', PORT: '3000' })).toBe('http://[::1]:3000');
  });

  it('takes an http or https address, written as its origin (no trailing slash, default port dropped)', () => {
    expect(publicUrl({ PUBLIC_URL: 'https://thads.example.vn/' })).toBe('https://thads.example.vn');
    expect(publicUrl({ PUBLIC_URL: 'HTTPS://Thads.Example.vn:443' })).toBe('https://thads.example.vn');
    expect(publicUrl({ PUBLIC_URL: ' http://10.0.0.5:8080 ' })).toBe('http://10.0.0.5:8080');
  });

  it.each(['thads.example.vn', 'ftp://thads.example.vn', 'https://thads.example.vn/thads', 'https://thads.example.vn/?a=1', 'https://user:pw@thads.example.vn', 'javascript:alert(1)'])(
    'refuses %s, naming the variable',
    (value) => {
      expect(() => publicUrl({ PUBLIC_URL: value })).toThrow(ConfigError);
      expect(() => publicUrl({ PUBLIC_URL: value })).toThrow(/PUBLIC_URL: expected an http:\/\/ or https:\/\/ address/);
    },
  );
});
