// Check characters of the unified social credit code (GB 32100-2015) and of the organisation
// code inside it (GB 11714). Pure functions: the server validates every write with them and the
// web forms use them to explain mistakes before sending.

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ORG_CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The check character (position 18) for the first 17 characters, or null if they are not valid. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARS.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * USCC_WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return USCC_CHARS[check === 31 ? 0 : check]!;
}

/** The check character of an organisation code's first 8 characters. */
export function orgCodeCheckChar(first8: string): string | null {
  if (first8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = ORG_CODE_CHARS.indexOf(first8[i]!);
    if (value < 0) return null;
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Why `code` is not a valid USCC, in Chinese, or null when it is valid. */
export function usccProblem(code: string): string | null {
  if (code.length !== 18) return `统一社会信用代码应为 18 位，当前为 ${code.length} 位`;
  for (const ch of code) {
    if (!USCC_CHARS.includes(ch)) {
      return `统一社会信用代码含有不允许的字符“${ch}”（只允许数字和除 I、O、Z、S、V 外的大写字母）`;
    }
  }
  const orgCheck = orgCodeCheckChar(code.slice(8, 16));
  if (orgCheck === null || orgCheck !== code[16]) {
    return `统一社会信用代码第 9-17 位（组织机构代码）校验位错误，第 17 位应为 ${orgCheck ?? '?'}`;
  }
  const check = usccCheckChar(code.slice(0, 17));
  if (check !== code[17]) return `统一社会信用代码校验位错误，第 18 位应为 ${check ?? '?'}`;
  return null;
}

/** Upper-cases and removes spaces, the way people type or paste codes. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** Completes 16 characters of organisation code body + USCC prefix into a valid code (factories, demo). */
export function completeUscc(prefix8: string, orgBody8: string): string {
  const orgCheck = orgCodeCheckChar(orgBody8);
  if (!orgCheck) throw new Error(`invalid organisation code body ${orgBody8}`);
  const first17 = prefix8 + orgBody8 + orgCheck;
  const check = usccCheckChar(first17);
  if (!check) throw new Error(`invalid USCC prefix ${first17}`);
  return first17 + check;
}
