import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, findSecretField, isSecretKey } from '../src/modules/audit/index.js';

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]));
  }
  return value;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x', { d: 1, c: 2 }], c: { z: 1, y: { q: [], p: {} } } })).toBe(
      '{"a":[true,null,"x",{"c":2,"d":1}],"b":1,"c":{"y":{"p":{},"q":[]},"z":1}}',
    );
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does (not by code point, not by locale)', () => {
    const keys = { '\uFFFF': 6, '\u{1F600}': 5, é: 4, z: 3, a: 2, Z: 1, '10': 0, '9': 0 };
    expect(canonicalJson(keys)).toBe('{"10":0,"9":0,"Z":1,"a":2,"z":3,"é":4,"\u{1F600}":5,"\uFFFF":6}');
  });

  it('writes numbers in their shortest round-trip form, one form per number', () => {
    expect(canonicalJson([1.0, -0, 0.1 + 0.2, 1e21, 1e-7, 123456789012345680000, -5, 2 ** 53])).toBe(
      '[1,0,0.30000000000000004,1e+21,1e-7,123456789012345680000,-5,9007199254740992]',
    );
  });

  it('escapes strings as JSON does, lone surrogates included', () => {
    expect(canonicalJson(['a"b\\c', '\u0000\n\t', '\u2028', '\ud800', 'é😀'])).toBe('["a\\"b\\\\c","\\u0000\\n\\t","\u2028","\\ud800","é😀"]');
  });

  it('leaves out undefined properties and refuses what JSON cannot say', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    for (const bad of [Number.NaN, Infinity, -Infinity, 1n, new Date(0), [undefined], () => 1, Symbol('s'), new Map(), { nested: { x: Number.NaN } }]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
    expect(() => canonicalJson({ nested: [1, { x: Infinity }] })).toThrow('$.nested[1].x');
  });

  it('is JSON, means the same value, ignores insertion order and is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(text).not.toMatch(/^\s|\s$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the secret denylist', () => {
  it('marks password, secret, code, OTP, token and PIN fields however they are spelled', () => {
    const secret = [
      'password', 'Password', 'PASSWORD', 'newPassword', 'new_password', 'temp-password', 'newpassword', 'passwd', 'pwd', 'passphrase',
      'passcode', 'secret', 'clientSecret', 'client_secret', 'code', 'verificationCode', 'otp', 'otpValue', 'userOtp', 'totp', 'token',
      'accessToken', 'resetToken', 'pin', 'apiKey', 'api_key', 'credentials', 'mustChangePassword',
    ];
    for (const key of secret) expect(isSecretKey(key), key).toBe(true);
    const fine = ['locked', 'displayName', 'directoryId', 'sourceIp', 'evidence', 'verifiedBy', 'groups', 'changeAtNextSignIn', 'laptop', 'hotpot', 'passedChecks', 'seat'];
    for (const key of fine) expect(isSecretKey(key), key).toBe(false);
  });

  it('finds the first secret-looking key or "label: value" text anywhere, by path only', () => {
    expect(findSecretField({ before: { locked: true }, after: { nested: [{ ok: 1 }, { tempCode: '481516' }] } })).toBe('entry.after.nested[1].tempCode');
    expect(findSecretField({ verifications: [{ evidence: 'The user read out code: 481516' }] })).toBe('entry.verifications[0].evidence');
    expect(findSecretField({ evidence: 'password is: hunter2' })).toBe('entry.evidence');
    expect(findSecretField({ evidence: 'Called the number of record; the person answered', action: 'reset_password' })).toBeNull();
  });
});
