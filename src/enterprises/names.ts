/**
 * Name normalised for finding the same enterprise written two ways: full/half width, bracket
 * kinds, spaces, Latin case, and 有限责任公司 written as 有限公司.
 */
export function nameKeyOf(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[（【［〔〈《｛{[]/g, '(')
    .replace(/[）】］〕〉》｝}\]]/g, ')')
    .replace(/有限责任公司/g, '有限公司')
    .toUpperCase();
}
