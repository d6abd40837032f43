// The organisation rules a form can check before sending (the server checks them again).
import { normalizeUscc, usccProblem } from '../../platform/shared/uscc';
import { ALLOWED_PARENT_KINDS, GRASSROOTS_KINDS, ORG_KINDS, type OrgKind } from '../contract';

/** Kinds that may stand under a parent of this kind (null: the root). */
export function kindsUnder(parentKind: OrgKind | null): OrgKind[] {
  return ORG_KINDS.filter((k) => ALLOWED_PARENT_KINDS[k].includes(parentKind));
}

/** Why a typed USCC is wrong for this kind of organisation, in Chinese, or null. */
export function usccIssue(raw: string | undefined, kind: OrgKind | undefined): string | null {
  const code = raw ? normalizeUscc(raw) : '';
  if (!code) return null;
  const problem = usccProblem(code);
  if (problem) return problem;
  if (kind && GRASSROOTS_KINDS.includes(kind) && !code.startsWith('81')) {
    return '基层工会、联合工会的统一社会信用代码应以 81 开头（8 表示工会，1 表示基层工会）';
  }
  return null;
}
