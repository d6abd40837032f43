// Small helpers for reading the XML inside Office files (xlsx, docx) without a DOM.

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;

/**
 * Replaces XML's predefined and numeric character references. A numeric reference to no valid
 * character becomes `invalid(whole)`: kept as written by default.
 */
export function decodeXmlEntities(
  raw: string,
  invalid: (whole: string) => string = (whole) => whole,
): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(ENTITY, (whole, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff
          ? String.fromCodePoint(code)
          : invalid(whole);
      }
    }
  });
}
