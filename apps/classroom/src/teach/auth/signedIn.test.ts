import { describe, expect, it } from 'vitest';
import { isNotSignedInError } from './signedIn';

describe('isNotSignedInError', () => {
  it('recognises the refused handshake, with the code in `data` or as the message', () => {
    const refused = Object.assign(new Error('请先在老师控制台登录。'), { data: { code: 'not-signed-in' } });
    expect(isNotSignedInError(refused)).toBe(true);
    expect(isNotSignedInError(new Error('not-signed-in'))).toBe(true);
    expect(isNotSignedInError({ code: 'not-signed-in', message: 'x' })).toBe(true);
  });
  it('leaves other refusals to the usual reconnection', () => {
    expect(isNotSignedInError(new Error('xhr poll error'))).toBe(false);
    expect(isNotSignedInError(Object.assign(new Error('x'), { data: { code: 'client-outdated' } }))).toBe(false);
    expect(isNotSignedInError(null)).toBe(false);
    expect(isNotSignedInError('not-signed-in')).toBe(false);
  });
});
