import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './next-path';

describe('after login', () => {
  it('returns to the page that was asked for', () => {
    expect(safeNext('/orgs/123?x=1')).toBe('/orgs/123?x=1');
    expect(loginPath('/admin/users?orgId=1')).toBe('/login?next=%2Fadmin%2Fusers%3ForgId%3D1');
    expect(loginPath('/')).toBe('/login');
  });

  it('never leaves the site or loops back to the login page', () => {
    for (const bad of [
      null,
      '',
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/login?next=/x',
    ]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
