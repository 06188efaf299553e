/**
 * The term workbook (XLSX): 概览 overview, 场次 sessions, 班级 classes, 活动 activities and
 * 学生参与 per child. Every number comes from the query module; nothing is counted here. Children
 * appear by their random id unless the teacher ticked "include names"; then seat and name are added
 * and the overview says the file holds names.
 *
 * Cells hold values, never formulas (exceljs writes strings as strings), so a name in a cell cannot
 * run as a formula; the CSV, which has no such types, neutralises instead (csv.ts).
 */
import type { ReportStats } from '@heartlamp/shared';
import type ExcelJS from 'exceljs';
import { bandLabel, dateTime, emotionLabel, L, percent, themeLabel } from './labels.js';
import type { Period } from './period.js';
import type { Reports } from './queries.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF3DF' } };

function headerRow(sheet: ExcelJS.Worksheet, values: (string | number)[]): void {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

function widths(sheet: ExcelJS.Worksheet, chars: number[]): void {
  chars.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

const EMOTION_ORDER = ['joy', 'calm', 'sadness', 'anger', 'fear', 'love', 'pass'];

export async function buildWorkbook(
  reports: Reports,
  period: Period,
  includeNames: boolean,
  stats?: ReportStats,
): Promise<ExcelJS.Workbook> {
  const s = stats ?? reports.stats(period);
  // Loaded on first export, not at server start.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = '心灯 Heartlamp';
  workbook.created = new Date(reports.now());
  const h = L.headers;

  // ------------------------------------------------------------ 概览
  const overview = workbook.addWorksheet(L.sheets.overview);
  widths(overview, [26, 16, 14, 14, 14, 12, 12, 12, 12]);
  overview.addRow([L.overview.title]).font = { bold: true, size: 14 };
  const facts: [string, string | number][] = [
    [L.overview.period, s.period.label],
    [L.overview.range, `${s.period.from} – ${s.period.to}`],
    [L.overview.sessions, s.totals.sessions],
    [L.overview.participations, s.totals.participations],
    [L.overview.students, s.totals.students],
    [L.overview.enrolled, s.totals.enrolled],
    [
      L.overview.reach,
      percent(
        s.byClass.reduce((sum, c) => sum + (c.classId ? c.students : 0), 0),
        s.totals.enrolled,
      ),
    ],
    [L.overview.guests, s.totals.guests],
    [L.overview.classes, s.totals.classes],
    [L.overview.classesReached, s.totals.classesReached],
    [L.overview.generated, dateTime(reports.now())],
  ];
  for (const [label, value] of facts) overview.addRow([label, value]).getCell(1).font = { bold: true };
  overview.addRow([includeNames ? L.overview.privacyNames : L.overview.privacy]).font = { italic: true };

  overview.addRow([]);
  overview.addRow([L.overview.byBand]).font = { bold: true };
  headerRow(overview, [h.band, h.sessions, h.participations, h.students, h.enrolled, h.reach]);
  for (const b of s.byBand) {
    overview.addRow([
      bandLabel(b.band),
      b.sessions,
      b.participations,
      b.band === null ? '' : b.students,
      b.band === null ? '' : b.enrolled,
      b.band === null ? '' : percent(b.students, b.enrolled),
    ]);
  }

  overview.addRow([]);
  overview.addRow([L.overview.byTheme]).font = { bold: true };
  headerRow(overview, [h.theme, h.sessions, h.participations]);
  for (const t of s.byTheme) overview.addRow([themeLabel(t.theme), t.sessions, t.participations]);

  overview.addRow([]);
  overview.addRow([L.overview.byMonth]).font = { bold: true };
  headerRow(overview, [h.month, h.sessions, h.participations]);
  for (const m of s.byMonth) overview.addRow([m.month, m.sessions, m.participations]);

  overview.addRow([]);
  overview.addRow([L.overview.emotions]).font = { bold: true };
  const codes = [
    ...EMOTION_ORDER,
    ...[...new Set(s.emotions.flatMap((e) => Object.keys(e.counts ?? {})))].filter((c) => !EMOTION_ORDER.includes(c)),
  ];
  headerRow(overview, [h.class, h.answers, ...codes.map(emotionLabel)]);
  for (const e of s.emotions) {
    overview.addRow([e.name ?? L.noClass, e.answers, ...codes.map((c) => (e.counts ? (e.counts[c] ?? 0) : ''))]);
  }

  // ------------------------------------------------------------ 场次
  const sessions = workbook.addWorksheet(L.sheets.sessions, { views: [{ state: 'frozen', ySplit: 1 }] });
  widths(sessions, [12, 8, 8, 16, 16, 22, 10, 8, 14, 12, 10, 22]);
  headerRow(sessions, [
    h.date,
    h.start,
    h.end,
    h.class,
    h.band,
    h.activity,
    h.theme,
    h.participations,
    h.rosterStudents,
    h.guests,
    h.contributed,
    h.sessionId,
  ]);
  for (const r of reports.sessions(period)) {
    const start = dateTime(r.startedAt);
    sessions.addRow([
      start.slice(0, 10),
      start.slice(11),
      r.endedAt === null ? '' : dateTime(r.endedAt).slice(11),
      r.className ?? L.noClass,
      bandLabel(r.band, true),
      r.title,
      themeLabel(r.theme),
      r.participations,
      r.students,
      r.guests,
      r.contributed,
      r.id,
    ]);
  }

  // ------------------------------------------------------------ 班级
  const classes = workbook.addWorksheet(L.sheets.classes, { views: [{ state: 'frozen', ySplit: 1 }] });
  widths(classes, [8, 16, 8, 10, 10, 10, 10]);
  headerRow(classes, [h.grade, h.class, h.sessions, h.participations, h.students, h.enrolled, h.reach]);
  for (const c of s.byClass) {
    classes.addRow([
      c.grade ?? '',
      c.name ?? L.noClass,
      c.sessions,
      c.participations,
      c.classId === null ? '' : c.students,
      c.classId === null ? '' : c.enrolled,
      c.classId === null ? '' : percent(c.students, c.enrolled),
    ]);
  }

  // ------------------------------------------------------------ 活动
  const activities = workbook.addWorksheet(L.sheets.activities, { views: [{ state: 'frozen', ySplit: 1 }] });
  widths(activities, [24, 10, 18, 8, 10]);
  headerRow(activities, [h.activity, h.theme, h.band, h.sessions, h.participations]);
  for (const a of s.byActivity) {
    activities.addRow([a.title, themeLabel(a.theme), '', a.sessions, a.participations]).font = { bold: true };
    for (const b of s.byBandActivity.filter((x) => x.activityId === a.activityId)) {
      activities.addRow(['', '', bandLabel(b.band), b.sessions, b.participations]);
    }
  }

  // ------------------------------------------------------------ 学生参与
  const students = workbook.addWorksheet(L.sheets.students, { views: [{ state: 'frozen', ySplit: 1 }] });
  const nameCols = includeNames ? [h.seat, h.name] : [];
  widths(students, includeNames ? [22, 8, 16, 8, 12, 10, 10, 18, 18, 10] : [22, 8, 16, 10, 10, 18, 18, 10]);
  headerRow(students, [h.studentId, h.grade, h.class, ...nameCols, h.attended, h.answered, h.first, h.last, h.current]);
  for (const r of reports.students(period, includeNames)) {
    students.addRow([
      r.studentId,
      r.grade,
      r.className,
      ...(includeNames ? [r.seat, r.name ?? ''] : []),
      r.sessions,
      r.contributed,
      r.firstAt === null ? '' : dateTime(r.firstAt),
      r.lastAt === null ? '' : dateTime(r.lastAt),
      r.current ? L.yes : L.no,
    ]);
  }
  return workbook;
}

export async function workbookBuffer(
  reports: Reports,
  period: Period,
  includeNames: boolean,
  stats?: ReportStats,
): Promise<Buffer> {
  const workbook = await buildWorkbook(reports, period, includeNames, stats);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
