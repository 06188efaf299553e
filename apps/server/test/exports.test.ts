/**
 * The exports read back: the XLSX cell by cell with exceljs, the CSV byte by byte (BOM first,
 * formula-like cells neutralised), the work summary sentence by sentence — all from the same
 * hand-computed fixture as reports.test.ts, so they agree with the statistics page by construction.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../src/reports/csv.js';
import { writeExport } from '../src/reports/export.js';
import { rangePeriod } from '../src/reports/period.js';
import type { Reports } from '../src/reports/queries.js';
import { openReader } from '../src/store/db.js';
import { buildFixture, type Fixture, fixtureReports, TERM } from './ledger-fixture.js';

let f: Fixture;
let reports: Reports;
const term = rangePeriod(TERM.startsOn, TERM.endsOn, 't_fixture', TERM.name);

beforeAll(() => {
  f = buildFixture();
  reports = fixtureReports(f);
});
afterAll(() => f.close());

async function exported(format: 'xlsx' | 'csv' | 'summary', names = false): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeExport(format, { reports, openReader: () => openReader(f.db.path), reportOptions: {} }, term, names, out);
  return Buffer.concat(chunks);
}

async function workbook(names: boolean): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(await exported('xlsx', names)).buffer);
  return book;
}

function values(sheet: ExcelJS.Worksheet | undefined, row: number): unknown[] {
  if (!sheet) throw new Error('no sheet');
  const r = sheet.getRow(row);
  return Array.from({ length: r.cellCount }, (_, i) => r.getCell(i + 1).value);
}

/** The value beside a label in column A of the overview. */
function fact(sheet: ExcelJS.Worksheet | undefined, label: string): unknown {
  let found: unknown;
  sheet?.eachRow((row) => {
    if (row.getCell(1).value === label && found === undefined) found = row.getCell(2).value;
  });
  return found;
}

describe('the XLSX workbook', () => {
  it('has the five sheets, and the overview figures of the statistics', async () => {
    const book = await workbook(false);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概览', '场次', '班级', '活动', '学生参与']);
    const overview = book.getWorksheet('概览');
    expect(fact(overview, '统计时段')).toBe(TERM.name);
    expect(fact(overview, '开展团体辅导(场)')).toBe(6);
    expect(fact(overview, '参与学生(人次)')).toBe(26);
    expect(fact(overview, '覆盖学生(人,去重)')).toBe(7);
    expect(fact(overview, '名单在册学生(人)')).toBe(8);
    // Reached children still on a roster: 4 (A) + 2 (B) of 8.
    expect(fact(overview, '覆盖率')).toBe('75.0%');
    expect(fact(overview, '其中游客(人次)')).toBe(14);
    expect(fact(overview, '低年级(一、二年级)')).toBe(2);
    // The suppressed class shows "<10" and no counts; 三年级(2)班 its 12 answers.
    expect(fact(overview, '一年级(1)班')).toBe('<10');
    expect(fact(overview, '三年级(2)班')).toBe(12);
  });

  it('班级, 场次 and 活动, cell by cell', async () => {
    const book = await workbook(false);
    const classes = book.getWorksheet('班级');
    expect(values(classes, 1)).toEqual(['年级', '班级', '场次', '人次', '覆盖学生', '在册学生', '覆盖率']);
    expect(values(classes, 2)).toEqual([1, '一年级(1)班', 2, 9, 4, 4, '100.0%']);
    expect(values(classes, 3)).toEqual([3, '三年级(2)班', 3, 15, 2, 2, '100.0%']);
    expect(values(classes, 4)).toEqual([5, '五年级(1)班', 0, 0, 0, 2, '0.0%']);
    expect(values(classes, 5)).toEqual(['', '未指定班级', 1, 2, '', '', '']);
    expect(classes?.rowCount).toBe(5);

    const sessions = book.getWorksheet('场次');
    expect(sessions?.rowCount).toBe(7);
    expect(values(sessions, 2)).toEqual([
      '2025-09-10',
      '09:00',
      '09:40',
      '一年级(1)班',
      '低年级',
      '我的情绪小怪兽',
      '情绪',
      4,
      3,
      1,
      4,
      's_fixture000001',
    ]);
    // S7 is still running: no end time, tallied live.
    expect(values(sessions, 7).slice(0, 11)).toEqual([
      '2025-12-01',
      '09:00',
      '',
      '三年级(2)班',
      '中年级',
      '我的情绪小怪兽',
      '情绪',
      2,
      1,
      1,
      1,
    ]);

    const activities = book.getWorksheet('活动');
    expect(values(activities, 2)).toEqual(['我的情绪小怪兽', '情绪', '', 5, 24]);
    expect(values(activities, 3)).toEqual(['', '', '中年级(三、四年级)', 2, 13]);
  });

  it('学生参与 is pseudonymous unless names are asked for', async () => {
    const anonymous = (await workbook(false)).getWorksheet('学生参与');
    expect(values(anonymous, 1)).toEqual([
      '学生编号',
      '年级',
      '班级',
      '参与场次',
      '作答次数',
      '首次参与',
      '最近参与',
      '仍在名单',
    ]);
    expect(anonymous?.rowCount).toBe(10);
    const cells: unknown[] = [];
    anonymous?.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.value);
      });
    });
    for (const name of ['A1', 'A2', 'B3', 'C1']) expect(cells).not.toContain(name);
    const first = values(anonymous, 2);
    expect(first[0]).toBe(f.students.A1);
    expect(first.slice(1, 5)).toEqual([1, '一年级(1)班', 2, 2]);

    const named = (await workbook(true)).getWorksheet('学生参与');
    expect(values(named, 1).slice(3, 5)).toEqual(['座号', '姓名']);
    expect(values(named, 2).slice(1, 6)).toEqual([1, '一年级(1)班', 1, 'A1', 2]);
    const b3 = values(named, 8);
    expect(b3.slice(3, 6)).toEqual([3, 'B3', 1]);
    expect(b3[9]).toBe('否');
  });
});

describe('the CSV', () => {
  it('starts with the UTF-8 BOM, has one row per participation, and neutralises formula-like cells', async () => {
    // A name that should never have got in (the import refuses it) must still come out inert.
    f.db.raw.prepare('UPDATE student_names SET name = ? WHERE student_id = ?').run('=HYPERLINK("x")', f.students.A3);
    try {
      const bytes = await exported('csv', true);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(1 + 26);
      expect(lines[0]).toBe('日期,开始,班级,年级段,活动,主题,场次编号,身份,学生编号,座号,姓名,加入时间,是否作答');
      expect(lines.find((l) => l.includes('HYPERLINK'))).toContain(`,3,"'=HYPERLINK(""x"")",`);
      expect(lines.filter((l) => l.includes(',游客,'))).toHaveLength(14);
      const anonymous = (await exported('csv', false)).toString('utf8');
      expect(anonymous).not.toContain('HYPERLINK');
      expect(anonymous).not.toContain(',A1,');
    } finally {
      f.db.raw.prepare('UPDATE student_names SET name = ? WHERE student_id = ?').run('A3', f.students.A3);
    }
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+86', "'+86"],
    ['-3', "'-3"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['张三', '张三'],
  ])('csvCell(%j) is %j', (input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it('leaves numbers alone (a negative count is a number, not a formula)', () => {
    expect(csvCell(-3)).toBe('-3');
  });
});

describe('工作总结数据', () => {
  it('fills the template’s sentences with the figures', async () => {
    const text = (await exported('summary')).toString('utf8');
    expect(text).toContain(`工作总结数据(${TERM.name},2025-09-01 至 2026-01-20)`);
    expect(text).toContain(
      '共开展团体辅导6场,参与学生26人次,覆盖学生7人(占名单在册学生8人的75.0%),2个班级开展了活动。',
    );
    expect(text).toContain(
      '- 低年级(一、二年级): 开展了“我的情绪小怪兽”(2场)等活动,共2场、9人次,覆盖本学段学生4人(100.0%)。',
    );
    expect(text).toContain('- 高年级(五、六年级): 本时段未开展团体辅导活动。');
    expect(text).toContain('另有1场未指定班级的活动,2人次。');
    expect(text).toContain('按主题: 情绪5场、24人次;注意力1场、2人次。');
    expect(text).toContain('情绪打卡: 共22人次,其中快乐45.5%');
  });
});
