// Where the login page sends people afterwards.

/** Where to send someone who must sign in first, remembering the page they wanted. */
export function loginPath(next: string): string {
  return next && next !== '/' && !next.startsWith('/login')
    ? `/login?next=${encodeURIComponent(next)}`
    : '/login';
}

/**
 * Only paths of this site are followed after login (no open redirect): `//host`, and a backslash,
 * which browsers read as a slash, would leave it.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (next.startsWith('/login')) return '/';
  return next;
}
