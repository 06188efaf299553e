/**
 * Roster imports as teachers make them — UTF-8 and GBK CSV from Excel/WPS, UTF-16 text, XLSX, cells
 * pasted from a spreadsheet — and every kind of bad file: each refused with the line to blame in
 * Chinese and English, and nothing half-imported.
 */
import { randomBytes } from 'node:crypto';
import type { ApiResult, ClassInfo, ImportReport, LedgerError, RosterEntry } from '@heartlamp/shared';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRosterFile, parseRosterText } from '../src/rosters/parse.js';
import { type Harness, startHarness } from './harness.js';

/** "姓名,座号 / 张三,1 / 李小明,2 / 欧阳娜娜,3" as WPS saves it on a Chinese Windows (GBK, CRLF). */
const GBK_CSV = Buffer.from(
  'd0d5c3fb2cd7f9bac50d0ad5c5c8fd2c310d0ac0eed0a1c3f72c320d0ac5b7d1f4c4c8c4c82c330d0a',
  'hex',
);
const EXPECTED = [
  { name: '张三', seat: 1 },
  { name: '李小明', seat: 2 },
  { name: '欧阳娜娜', seat: 3 },
];

async function rows(bytes: Uint8Array) {
  const result = await parseRosterFile(bytes);
  if (!result.ok) throw new Error(result.error.message.en);
  return result.rows.map(({ name, seat }) => ({ name, seat }));
}

async function refusal(input: Uint8Array | string) {
  const result = typeof input === 'string' ? parseRosterText(input) : await parseRosterFile(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function expectWords(error: LedgerError, line: number | undefined) {
  expect(error.line).toBe(line);
  expect(error.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  // The English words may quote a Chinese cell, but they are English words.
  expect(error.message.en).toMatch(/^[A-Z][a-z]/);
  if (line !== undefined) {
    expect(error.message['zh-CN']).toContain(`第 ${line} 行`);
    expect(error.message.en).toContain(`Line ${line}`);
  }
}

async function xlsx(rowsOf: (string | number | { formula: string } | null)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const r of rowsOf) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('reading rosters', () => {
  it('reads GBK as saved by Excel/WPS, and the same in UTF-8 with and without a BOM', async () => {
    expect(await rows(GBK_CSV)).toEqual(EXPECTED);
    const utf8 = Buffer.from('姓名,座号\n张三,1\n李小明,2\n欧阳娜娜,3\n');
    expect(await rows(utf8)).toEqual(EXPECTED);
    expect(await rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]))).toEqual(EXPECTED);
  });

  it('reads UTF-16 "Unicode text" (tab-separated) with its BOM', async () => {
    const text = '座号\t姓名\r\n1\t张三\r\n2\t李小明\r\n3\t欧阳娜娜\r\n';
    expect(await rows(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toEqual(EXPECTED);
  });

  it('reads cells pasted from a spreadsheet, extra columns, quotes, full-width digits and blank lines', async () => {
    const pasted = '序号\t姓名\t性别\n1\t张三\t男\n\n2\t李小明\t男\n\t\t\n３\t欧阳娜娜\t女\n';
    const result = parseRosterText(pasted);
    expect(result.ok && result.rows).toEqual([
      { name: '张三', seat: 1, line: 2 },
      { name: '李小明', seat: 2, line: 4 },
      { name: '欧阳娜娜', seat: 3, line: 6 },
    ]);
    const quoted = parseRosterText('name,seat\r\n"阿依古丽·买买提",1\r\n"Sam O\'Brien",2\r\n"张""伟",3\r\n');
    expect(!quoted.ok && quoted.error).toMatchObject({ code: 'roster-bad-name', line: 4 });
    const fine = parseRosterText('name,seat\r\n"阿依古丽·买买提",1\r\n"Sam O\'Brien",2\r\n');
    expect(fine.ok && fine.rows.map((r) => r.name)).toEqual(['阿依古丽·买买提', "Sam O'Brien"]);
    const headerless = parseRosterText('张三\t1\n李小明\t2\n');
    expect(headerless.ok && headerless.rows.map((r) => r.seat)).toEqual([1, 2]);
  });

  it('reads an .xlsx workbook, numbers as seats', async () => {
    const bytes = await xlsx([
      ['姓名', '座号'],
      ['张三', 1],
      ['李小明', 2],
      ['欧阳娜娜', 3],
    ]);
    expect(await rows(bytes)).toEqual(EXPECTED);
  });
});

describe('refusing bad rosters, naming the line', () => {
  it('wrong columns: no name column, no seat column, or not a table at all', async () => {
    expectWords(await refusal('性别,年龄\n男,8\n'), 1);
    expect((await refusal('性别,年龄\n男,8\n')).code).toBe('roster-no-header');
    const noSeat = await refusal('姓名,性别\n张三,男\n');
    expect(noSeat.code).toBe('roster-no-seat-column');
    expectWords(noSeat, 1);
    const noName = await refusal('学号,性别\n1,男\n');
    expect(noName.code).toBe('roster-no-name-column');
    const oneColumn = await refusal('张三\n李四\n');
    expect(oneColumn.code).toBe('roster-no-header');
  });

  it('a row with a name but no seat, or a seat but no name (blank lines alone are skipped)', async () => {
    const missingSeat = await refusal('姓名,座号\n张三,1\n\n李四,\n');
    expect(missingSeat.code).toBe('roster-missing-seat');
    expectWords(missingSeat, 4);
    const missingName = await refusal('姓名,座号\n张三,1\n,2\n');
    expect(missingName.code).toBe('roster-missing-name');
    expectWords(missingName, 3);
    expect((await refusal('\n\n\n')).code).toBe('roster-empty');
    expect((await refusal('姓名,座号\n\n')).code).toBe('roster-empty');
  });

  it('duplicate names and duplicate seats name both lines', async () => {
    const names = await refusal('姓名,座号\n张伟,1\n李娜,2\n张伟,3\n');
    expect(names.code).toBe('roster-duplicate-name');
    expectWords(names, 4);
    expect(names.message['zh-CN']).toContain('第 2 行');
    const seats = await refusal('姓名,座号\n张伟,1\n李娜,1\n');
    expect(seats.code).toBe('roster-duplicate-seat');
    expectWords(seats, 3);
  });

  it.each(['=HYPERLINK("http://x","点我")', '+86 138', '-1', '@SUM(A1)', '\t=1+1'])(
    'a cell starting like a formula: %j',
    async (cell) => {
      const error = await refusal(`姓名,座号\n张三,1\n"${cell.replace(/"/g, '""')}",2\n`);
      expect(error.code).toBe('roster-formula');
      expectWords(error, 3);
    },
  );

  it('a formula in a seat, and a formula cell in an .xlsx', async () => {
    expect((await refusal('姓名,座号\n张三,=1+1\n')).code).toBe('roster-formula');
    const error = await refusal(
      await xlsx([
        ['姓名', '座号'],
        ['张三', 1],
        [{ formula: 'A2&"x"' }, 2],
      ]),
    );
    expect(error.code).toBe('roster-formula');
    expectWords(error, 3);
  });

  it('a bad seat number', async () => {
    const error = await refusal('姓名,座号\n张三,一\n');
    expect(error.code).toBe('roster-bad-seat');
    expectWords(error, 2);
    expect((await refusal('姓名,座号\n张三,1000\n')).code).toBe('roster-bad-seat');
  });

  it('the wrong encoding: Latin-1, UTF-16 without a BOM, and control characters', async () => {
    const latin1 = Buffer.concat([Buffer.from('name,seat\nAnna,1\nJos'), Buffer.from([0xe9]), Buffer.from(',2\n')]);
    const error = await refusal(latin1);
    expect(error.code).toBe('roster-encoding');
    expectWords(error, 3);
    const utf16 = Buffer.from('姓名,座号\n张三,1\n', 'utf16le');
    expect((await refusal(utf16)).code).toBe('roster-encoding');
    const control = await refusal('姓名,座号\n张三,1\n李\u0007四,2\n');
    expect(control.code).toBe('roster-encoding');
    expectWords(control, 3);
  });

  it('5 MB of junk, an old .xls, a broken .xlsx, and too many rows', async () => {
    const junk = await refusal(randomBytes(5 * 1024 * 1024));
    expect(junk.code).toBe('too-large');
    expect(junk.message['zh-CN']).toContain('1024 KB');
    expect((await refusal(randomBytes(200 * 1024))).code).toBe('roster-encoding');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]);
    expect((await refusal(xls)).code).toBe('roster-xls');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(1000)]);
    expect((await refusal(broken)).code).toBe('roster-xlsx-unreadable');
    const many = ['姓名,座号', ...Array.from({ length: 201 }, (_, i) => `学生${i + 1},${i + 1}`)].join('\n');
    expect((await refusal(many)).code).toBe('roster-too-many');
  });
});

describe('the roster API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: ApiResult<T> }> {
    const res = await h.fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiResult<T> };
  }

  async function newClass(): Promise<string> {
    const created = await api<{ id: string }>('POST', '/api/classes', { grade: 3, name: '三年级(2)班' });
    if (!created.body.ok) throw new Error('no class');
    return created.body.data.id;
  }

  it('imports a GBK upload, then a pasted roster; the same child keeps their id; a bad file changes nothing', async () => {
    const classId = await newClass();
    const first = await api<ImportReport>('POST', `/api/classes/${classId}/roster`, {
      fileName: '名单.csv',
      base64: GBK_CSV.toString('base64'),
    });
    expect(first.status).toBe(200);
    if (!first.body.ok) throw new Error(first.body.error.message.en);
    expect(first.body.data).toMatchObject({ added: 3, kept: 0, left: 0 });
    const zhang = first.body.data.roster.find((s) => s.name === '张三');
    expect(zhang?.id).toMatch(/^st_/);

    // A new roster: 张三 moves to seat 2, 李小明 to seat 1 (a swap), 欧阳娜娜 leaves, 王五 arrives.
    const second = await api<ImportReport>('POST', `/api/classes/${classId}/roster`, {
      text: '姓名\t座号\n李小明\t1\n张三\t2\n王五\t3\n',
    });
    if (!second.body.ok) throw new Error(second.body.error.message.en);
    expect(second.body.data).toMatchObject({ added: 1, kept: 2, left: 1 });
    expect(second.body.data.roster.find((s) => s.name === '张三')).toEqual({ id: zhang?.id, seat: 2, name: '张三' });

    // A file with a mistake on line 4: refused with the line; the roster is exactly as before.
    const bad = await api<ImportReport>('POST', `/api/classes/${classId}/roster`, {
      text: '姓名,座号\n赵六,1\n钱七,2\n赵六,3\n',
    });
    expect(bad.status).toBe(422);
    expect(!bad.body.ok && bad.body.error).toMatchObject({ code: 'roster-duplicate-name', line: 4 });
    const roster = await api<RosterEntry[]>('GET', `/api/classes/${classId}/roster`);
    expect(roster.body.ok && roster.body.data.map((s) => s.name)).toEqual(['李小明', '张三', '王五']);
    const classes = await api<ClassInfo[]>('GET', '/api/classes');
    expect(classes.body.ok && classes.body.data[0]?.students).toBe(3);
    expect(h.server.db.raw.prepare('SELECT COUNT(*) AS n FROM student_names').get()).toEqual({ n: 4 });
  });

  it('caps uploads, takes JSON only, and validates every field', async () => {
    const classId = await newClass();
    const huge = await h.fetch(`/api/classes/${classId}/roster`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ base64: randomBytes(5 * 1024 * 1024).toString('base64') }),
    });
    expect(huge.status).toBe(413);
    const form = await h.fetch(`/api/classes/${classId}/roster`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: '姓名,座号\n张三,1\n',
    });
    expect(form.status).toBe(415);
    const noGrade = await api('POST', '/api/classes', { grade: 7, name: '七年级(1)班' });
    expect(noGrade.status).toBe(400);
    expect(!noGrade.body.ok && noGrade.body.error.path).toBe('grade');
    const twice = await api('POST', '/api/classes', { grade: 3, name: '三年级(2)班' });
    expect(twice.status).toBe(409);
    expect(!twice.body.ok && twice.body.error.message['zh-CN']).toContain('三年级(2)班');
    const missing = await api('GET', '/api/classes/c_doesnotexist000/roster');
    expect(missing.status).toBe(404);
    const badTerm = await api('POST', '/api/terms', { name: '第一学期', startsOn: '2025-09-01', endsOn: '2025-02-30' });
    expect(!badTerm.body.ok && badTerm.body.error.path).toBe('endsOn');
    const term = await api('POST', '/api/terms', { name: '第一学期', startsOn: '2025-09-01', endsOn: '2026-01-20' });
    expect(term.status).toBe(201);
    const overlap = await api('POST', '/api/terms', { name: '重叠', startsOn: '2026-01-01', endsOn: '2026-07-10' });
    expect(overlap.status).toBe(409);
    const stats = await h.fetch(`/api/reports/stats?from=2025-13-01`);
    expect(stats.status).toBe(400);
    const both = await h.fetch(`/api/reports/stats?term=t_aaaaaaaaaaaa&from=2025-09-01`);
    expect(both.status).toBe(400);
    const unknown = await h.fetch(`/api/reports/stats?sort=desc`);
    expect(unknown.status).toBe(400);
  });
});
