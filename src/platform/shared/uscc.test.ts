import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completeUscc, normalizeUscc, orgCodeCheckChar, usccCheckChar, usccProblem } from './uscc';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('USCC check characters (GB 32100-2015, GB 11714)', () => {
  it('accepts published codes', () => {
    // Codes printed on real business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B']) {
      expect(usccProblem(code), code).toBeNull();
    }
  });

  it('computes the organisation code check with X and 0', () => {
    expect(orgCodeCheckChar('D2143569')).toBe('X'); // the standard's worked example D2143569-X
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('explains each kind of mistake in Chinese', () => {
    expect(usccProblem('9135010')).toMatch(/18 位/);
    expect(usccProblem('91350100M000100Y4I')).toMatch(/不允许的字符/);
    expect(usccProblem('91350100M000100Y44')).toMatch(/第 18 位应为 3/);
    expect(usccProblem('91350100M000101Y43')).toMatch(/组织机构代码/);
  });

  it('normalises spaces and case', () => {
    expect(normalizeUscc(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
  });

  const body = fc.string({
    unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'),
    minLength: 8,
    maxLength: 8,
  });
  const prefix = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 8, maxLength: 8 });

  it('completed codes are always valid', () => {
    fc.assert(fc.property(prefix, body, (p, b) => usccProblem(completeUscc(p, b)) === null));
  });

  it('changing any one character is always detected', () => {
    fc.assert(
      fc.property(prefix, body, fc.nat(17), fc.nat(30), (p, b, pos, shift) => {
        const code = completeUscc(p, b);
        const original = USCC_CHARS.indexOf(code[pos]!);
        const replacement = USCC_CHARS[(original + 1 + (shift % 30)) % 31]!;
        const mutated = code.slice(0, pos) + replacement + code.slice(pos + 1);
        return usccProblem(mutated) !== null;
      }),
    );
  });
});
