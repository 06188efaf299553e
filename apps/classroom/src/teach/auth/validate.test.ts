import { describe, expect, it } from 'vitest';
import { loginProblems, problemField, setupProblems } from './validate';

const ok = { name: '王老师', passphrase: '三年级的小树苗天天长高', repeat: '三年级的小树苗天天长高' };

describe('setupProblems (first run, adding a teacher)', () => {
  it('accepts a name and a passphrase of 8 characters or more, typed twice', () => {
    expect(setupProblems(ok)).toEqual([]);
    expect(setupProblems({ name: ' 李 ', passphrase: '12345678', repeat: '12345678' })).toEqual([]);
  });
  it('counts Chinese characters one each, as the server does', () => {
    expect(setupProblems({ ...ok, passphrase: '我爱我的学生们', repeat: '我爱我的学生们' })).toEqual([
      'passphrase-short',
    ]);
    expect(setupProblems({ ...ok, passphrase: '我爱我的学生们呀', repeat: '我爱我的学生们呀' })).toEqual([]);
  });
  it('wants a name that is not only spaces, and not too long', () => {
    expect(setupProblems({ ...ok, name: '   ' })).toEqual(['name-missing']);
    expect(setupProblems({ ...ok, name: '老'.repeat(41) })).toEqual(['name-too-long']);
    expect(setupProblems({ ...ok, name: ` ${'老'.repeat(40)} ` })).toEqual([]);
  });
  it('says one thing at a time about the passphrase: missing, short, long, then the repeat', () => {
    expect(setupProblems({ ...ok, passphrase: '', repeat: '' })).toEqual(['passphrase-missing']);
    expect(setupProblems({ ...ok, passphrase: 'short', repeat: 'other' })).toEqual(['passphrase-short']);
    expect(setupProblems({ ...ok, passphrase: 'x'.repeat(129), repeat: 'x'.repeat(129) })).toEqual(['passphrase-long']);
    expect(setupProblems({ ...ok, repeat: '三年级的小树苗天天长' })).toEqual(['repeat-differs']);
  });
  it('reports every field that needs work, in the order of the form', () => {
    expect(setupProblems({ name: '', passphrase: 'abc', repeat: '' })).toEqual(['name-missing', 'passphrase-short']);
  });
  it('points each problem at its field', () => {
    expect(problemField('name-too-long')).toBe('name');
    expect(problemField('passphrase-short')).toBe('passphrase');
    expect(problemField('repeat-differs')).toBe('repeat');
  });
});

describe('loginProblems', () => {
  it('only needs both fields filled: a short passphrase is for the server to call wrong', () => {
    expect(loginProblems({ name: '王老师', passphrase: 'abc' })).toEqual([]);
    expect(loginProblems({ name: '', passphrase: '' })).toEqual(['name-missing', 'passphrase-missing']);
    expect(loginProblems({ name: '王老师', passphrase: 'x'.repeat(129) })).toEqual(['passphrase-long']);
  });
});
