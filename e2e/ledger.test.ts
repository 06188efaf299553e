/**
 * The semester ledger in real Chromium: the teacher imports a class roster in the console (a
 * mistake first, named by its line), runs a lesson for that class in which five children tap their
 * own names (and one joins as a guest), watches the statistics change, and downloads the XLSX,
 * which is read back cell by cell. Names never reach the projector; the tablets never download
 * ECharts. Screenshots `ledger-*` in e2e/artifacts/.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readWorkbook, valueBeside } from '../apps/server/test/xlsx-reader.js';
import { type Lesson, startLesson } from './browser.js';

const CONSOLE = { width: 1366, height: 900 };
const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };
const PROJECTOR = { width: 1920, height: 1080 };

const ROSTER = ['张三', '李小明', '欧阳娜娜', '王五', '赵六', '钱七', '孙小美', '周杰'];

let lesson: Lesson;
beforeAll(async () => {
  lesson = await startLesson();
});
afterAll(async () => {
  await lesson?.close();
});

it('imports a roster, runs a lesson where five children tap their names, and exports the term', async () => {
  // ------------------------------------------------------------ classes & rosters
  const teacher = await lesson.open('/teach/classes', CONSOLE);
  await teacher.getByText('还没有班级').waitFor();
  await teacher.getByRole('button', { name: '填入第一学期' }).click();
  await teacher.getByRole('button', { name: '添加学期' }).click();
  await teacher.locator('.term-row').first().waitFor();
  await teacher.getByTestId('new-class-grade').selectOption('3');
  await teacher.getByTestId('new-class-name').fill('三年级(2)班');
  await teacher.getByTestId('add-class').click();
  await teacher.getByTestId('roster-panel').getByText('三年级(2)班 · 名单').waitFor();

  // A pasted block with a duplicate on line 4: refused, naming the line; nothing imported.
  await teacher.getByTestId('roster-paste').fill('姓名\t座号\n张三\t1\n李小明\t2\n张三\t3\n');
  await teacher.getByTestId('roster-import').click();
  await expect.poll(() => teacher.getByTestId('roster-error').innerText()).toContain('第 4 行');
  expect(await teacher.getByTestId('roster-error').innerText()).toContain('第 2 行');
  await lesson.shot(teacher, 'ledger-01-console-roster-error');

  const pasted = ['姓名\t座号', ...ROSTER.map((name, i) => `${name}\t${i + 1}`)].join('\n');
  await teacher.getByTestId('roster-paste').fill(pasted);
  await teacher.getByTestId('roster-import').click();
  await expect.poll(() => teacher.getByTestId('roster-report').innerText()).toContain('新增 8 人');
  await expect.poll(() => teacher.locator('[data-testid="roster-table"] tbody tr').count()).toBe(8);
  await lesson.shot(teacher, 'ledger-02-console-roster');

  // ------------------------------------------------------------ statistics before
  await teacher.getByTestId('tab-stats').click();
  await teacher.getByTestId('stats-empty').waitFor();
  await expect.poll(() => teacher.getByTestId('kpi-sessions').innerText()).toBe('0');

  // ------------------------------------------------------------ a lesson for the class
  await teacher.getByTestId('tab-lesson').click();
  await teacher.getByTestId('activity-emotion-monster').click();
  await expect.poll(() => teacher.getByTestId('lesson-class').locator('option').count()).toBe(2);
  await teacher.getByTestId('lesson-class').selectOption({ label: '三年级(2)班(8 人)' });
  await lesson.shot(teacher, 'ledger-03-console-pick-class');
  await teacher.getByTestId('create-session').click();
  const code = (await teacher.getByTestId('session-code').innerText()).replace(/\D/g, '');
  expect(code).toMatch(/^[1-9]\d{5}$/);
  await teacher.getByTestId('lobby-class').waitFor();

  const projector = await lesson.open(`/screen/${code}`, PROJECTOR);
  await projector.getByTestId('qr').waitFor();

  const echartsRequests: string[] = [];
  const tablets: Page[] = [];
  for (let i = 0; i < 5; i++) {
    const page = await lesson.open(`/join?code=${code}`, i % 2 === 0 ? LANDSCAPE : PORTRAIT);
    page.on('request', (r) => {
      if (/echarts/i.test(r.url())) echartsRequests.push(r.url());
    });
    await page.getByTestId('key-ok').click();
    await page.getByTestId('name-tiles').waitFor();
    await expect.poll(() => page.locator('.name-tile').count()).toBe(8);
    if (i === 0) await lesson.shot(page, 'ledger-04-tablet-tiles-landscape');
    if (i === 1) await lesson.shot(page, 'ledger-05-tablet-tiles-portrait');
    // Each child taps their own name (seats 1–5); earlier names are greyed out by now.
    await expect.poll(() => page.locator('.name-tile.is-taken').count()).toBe(i);
    await page.getByTestId(`tile-${i + 1}`).click();
    await page.getByTestId('waiting').waitFor();
    await expect.poll(() => page.getByTestId('my-name').innerText()).toContain(ROSTER[i] ?? '');
    tablets.push(page);
  }
  await lesson.shot(tablets[0] as Page, 'ledger-06-tablet-waiting-with-name');
  // A sixth child is not on the list and joins as a guest, with a nickname.
  const guest = await lesson.open(`/join?code=${code}`, PORTRAIT);
  await guest.getByTestId('key-ok').click();
  await guest.getByTestId('name-tiles').waitFor();
  await expect.poll(() => guest.locator('.name-tile.is-taken').count()).toBe(5);
  await lesson.shot(guest, 'ledger-07-tablet-tiles-five-taken-portrait');
  await guest.getByTestId('not-on-list').click();
  await guest.getByTestId('nickname').waitFor();
  await guest.getByTestId('join').click();
  await guest.getByTestId('waiting').waitFor();

  await expect.poll(() => teacher.getByTestId('participant-row').count()).toBe(6);
  await expect.poll(() => teacher.getByTestId('participant-student').count()).toBe(5);
  expect(await teacher.getByTestId('lobby-class').innerText()).toContain('5 / 8');
  await lesson.shot(teacher, 'ledger-08-console-lobby-names');
  await expect.poll(() => projector.getByTestId('joined-count').innerText()).toContain('6');
  const projectorText = await projector.locator('body').innerText();
  for (const name of ROSTER) expect(projectorText).not.toContain(name);
  await lesson.shot(projector, 'ledger-09-projector-no-names');

  // Three children check in ("I'd rather not say" is an answer too); the teacher ends the lesson.
  await teacher.getByTestId('start-session').click();
  for (const page of tablets.slice(0, 3)) {
    await page.getByTestId('pass').click();
    await page.getByTestId('passed').waitFor();
  }
  await expect.poll(() => teacher.getByTestId('answered').innerText()).toContain('3');
  await teacher.getByTestId('end-session').click();
  await teacher.getByTestId('confirm-end').click();
  await teacher.getByTestId('ended-summary').waitFor();

  // ------------------------------------------------------------ statistics after
  await teacher.getByTestId('tab-stats').click();
  await expect.poll(() => teacher.getByTestId('kpi-sessions').innerText()).toBe('1');
  expect(await teacher.getByTestId('kpi-participations').innerText()).toBe('6');
  expect(await teacher.getByTestId('kpi-students').innerText()).toBe('5');
  expect(await teacher.getByTestId('kpis').innerText()).toContain('其中游客 1 人次');
  const classRow = teacher.getByTestId('class-table-row').first();
  expect(await classRow.innerText()).toMatch(/三年级\(2\)班[\s\S]*5 \/ 8[\s\S]*62\.5%/);
  expect(await teacher.getByTestId('emotion-table').innerText()).toContain('<10');
  await teacher.locator('[data-testid="chart-reach"][data-status="ready"]').waitFor();
  await teacher.locator('[data-testid="chart-months"][data-status="ready"]').waitFor();
  await lesson.shot(teacher, 'ledger-10-console-stats');
  await teacher.screenshot({
    path: join(import.meta.dirname, 'artifacts', 'ledger-10b-console-stats-full.png'),
    fullPage: true,
  });

  // ------------------------------------------------------------ exports
  await teacher.getByTestId('tab-export').click();
  await expect
    .poll(() => teacher.getByTestId('summary-text').inputValue())
    .toContain('共开展团体辅导1场,参与学生6人次,覆盖学生5人');
  await teacher.getByTestId('export-names').check();
  await lesson.shot(teacher, 'ledger-11-console-export');
  const [download] = await Promise.all([
    teacher.waitForEvent('download'),
    teacher.getByTestId('download-xlsx').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^心灯-.*学期-统计\.xlsx$/);
  const file = join(tmpdir(), `heartlamp-e2e-${process.pid}.xlsx`);
  await download.saveAs(file);
  const book = await readWorkbook(readFileSync(file));
  expect(Object.keys(book)).toEqual(['概览', '场次', '班级', '活动', '学生参与']);
  expect(valueBeside(book.概览, '开展团体辅导(场)')).toBe(1);
  expect(valueBeside(book.概览, '参与学生(人次)')).toBe(6);
  expect(valueBeside(book.概览, '覆盖学生(人,去重)')).toBe(5);
  expect(valueBeside(book.概览, '其中游客(人次)')).toBe(1);
  expect(book.班级?.[1]).toEqual([3, '三年级(2)班', 1, 6, 5, 8, '62.5%']);
  const session = book.场次?.[1];
  expect(session?.slice(3, 11)).toEqual(['三年级(2)班', '中年级', '我的情绪小怪兽', '情绪', 6, 5, 1, 3]);
  const students = book.学生参与 ?? [];
  expect(students[0]?.slice(0, 5)).toEqual(['学生编号', '年级', '班级', '座号', '姓名']);
  const byName = new Map(students.slice(1).map((r) => [r[4], r]));
  for (const name of ROSTER.slice(0, 5)) expect(byName.get(name)?.[5]).toBe(1);
  for (const name of ROSTER.slice(5)) expect(byName.get(name)?.[5]).toBe(0);

  // The tablets never downloaded the charting library.
  expect(echartsRequests).toEqual([]);
  const rows = lesson.server.db.raw
    .prepare('SELECT COUNT(student_id) AS named, COUNT(*) AS n FROM participations')
    .get();
  expect(rows).toEqual({ named: 5, n: 6 });
});
