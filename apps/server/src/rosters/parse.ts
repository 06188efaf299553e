/**
 * Reading a class roster (name, seat number) from what teachers actually have: a CSV saved by Excel
 * or WPS (UTF-8 with or without a BOM, or GBK — what both save by default on a Chinese Windows), a
 * UTF-16 "Unicode text" file, an .xlsx workbook, or cells pasted from a spreadsheet (tab-separated).
 *
 * Everything is checked before anything is written, and the first problem is reported with the
 * line a spreadsheet would show for it, in Chinese and English; the caller writes all rows in one
 * transaction or none. Pure: no database here.
 */
import { type LedgerError, ledgerError, ROSTER_MAX_BYTES } from '@heartlamp/shared';
import type ExcelJS from 'exceljs';

export interface RosterRow {
  name: string;
  seat: number;
  /** 1-based line (or sheet row) it came from. */
  line: number;
}

export type ParseResult = { ok: true; rows: RosterRow[] } | { ok: false; error: LedgerError };

/** A class is at most ~60 children; a file with more is not a class roster. */
export const ROSTER_MAX_ROWS = 200;
const NAME_MAX_LENGTH = 32;

/** Header words for the two columns we read. Seat numbers first: 学号 is sometimes a long school number. */
const NAME_HEADERS = ['姓名', '名字', '学生姓名', '学生', 'name', 'student', 'studentname', 'fullname'];
const SEAT_HEADERS = [
  '座号',
  '座位号',
  '座位',
  '序号',
  '学号',
  '编号',
  '号数',
  'seat',
  'seatno',
  'seatnumber',
  'no',
  'number',
  '#',
];

/** A spreadsheet would run these as a formula when the value is written back out to CSV. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Letters, marks and digits of any script, spaces, and the punctuation real names use (阿依古丽·买买提, 张伟(大), O'Brien). */
const NAME_CHARS = /^[\p{L}\p{M}\p{N}\p{Zs}·・.'’()\-_]+$/u;
/** Hangul fillers are letters that draw nothing: a name made of them would be an empty tile. */
const FILLERS = /[\u115F\u1160\u3164\uFFA0]/gu;

interface RawRow {
  line: number;
  cells: string[];
}

const fail = (...args: Parameters<typeof ledgerError>): ParseResult => ({ ok: false, error: ledgerError(...args) });

/** Parses a roster from a file's bytes (CSV, TSV, UTF-16 text or XLSX, told apart by content). */
export async function parseRosterFile(bytes: Uint8Array): Promise<ParseResult> {
  if (bytes.byteLength > ROSTER_MAX_BYTES) return fail('too-large', { max: ROSTER_MAX_BYTES / 1024 });
  if (bytes.byteLength === 0) return fail('roster-empty');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return fail('roster-xls');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return parseXlsx(bytes);
  const text = decodeText(bytes);
  if (!text.ok) return fail('roster-encoding', { line: text.line });
  return parseRosterText(text.text);
}

/** Parses pasted or decoded text: CSV, or tab-separated as pasted from Excel/WPS. */
export function parseRosterText(text: string): ParseResult {
  if (text.length > ROSTER_MAX_BYTES) return fail('too-large', { max: ROSTER_MAX_BYTES / 1024 });
  const bad = findUnreadable(text);
  if (bad !== null) return fail('roster-encoding', { line: bad });
  return toRoster(splitDelimited(text));
}

// ---------------------------------------------------------------- decoding

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * UTF-8 if it is valid UTF-8 (a GBK file with Chinese in it almost never is), else GBK. Both
 * decoders are fatal: a byte sequence neither can read is an error, never a silent U+FFFD.
 */
function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeWith('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return decodeWith('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return decodeWith('utf-16be', bytes.subarray(2));
  // A NUL in a text roster means UTF-16 without a BOM, or not text at all.
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { ok: false, line: lineAt(bytes, nul) };
  const utf8 = decodeWith('utf-8', bytes);
  if (utf8.ok) return utf8;
  return decodeWith('gbk', bytes);
}

function decodeWith(encoding: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, line: firstUndecodableLine(encoding, bytes) };
  }
}

/** The first line (split at LF) the decoder refuses, to name it in the error. */
function firstUndecodableLine(encoding: string, bytes: Uint8Array): number {
  if (encoding.startsWith('utf-16')) return 1;
  const decoder = new TextDecoder(encoding, { fatal: true });
  let start = 0;
  let line = 1;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    const slice = bytes.subarray(start, end === -1 ? bytes.length : end);
    try {
      decoder.decode(slice);
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
    line += 1;
  }
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** A replacement character or a control character (other than tab and line ends) means mis-decoded text. */
function findUnreadable(text: string): number | null {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    else if (c === 0xfffd || c === 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0d)) return line;
  }
  return null;
}

// ---------------------------------------------------------------- splitting

/**
 * Splits CSV (RFC 4180 quotes, doubled quotes, CRLF or LF) or TSV into rows, each with the line it
 * starts on. The delimiter is the first of tab, comma, full-width comma or semicolon found on the
 * first non-blank line.
 */
function splitDelimited(text: string): RawRow[] {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = ['\t', ',', '\uFF0C', ';'].find((d) => firstLine.includes(d)) ?? ',';
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line += 1;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

async function parseXlsx(bytes: Uint8Array): Promise<ParseResult> {
  // Loaded on first use: the server starts without it, and most rosters are CSV.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer (its own `Buffer`); a copy of ≤ 1 MB is cheap.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return fail('roster-xlsx-unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail('roster-empty');
  const rows: RawRow[] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rows.length > ROSTER_MAX_ROWS + 1) {
      tooMany = true;
      return;
    }
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line: rowNumber, cells });
  });
  if (tooMany) return fail('roster-too-many', { max: ROSTER_MAX_ROWS });
  return toRoster(rows);
}

/** A cell as the text a person sees; a formula cell keeps its formula, so it is refused like one. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('formula' in value || 'sharedFormula' in value) {
    const formula = 'formula' in value ? value.formula : value.sharedFormula;
    return `=${formula}`;
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return typeof value.text === 'string' ? value.text : '';
  if ('error' in value) return String(value.error);
  return '';
}

// ---------------------------------------------------------------- rows to a roster

function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_.:：]/g, '');
}

function isBlank(row: RawRow): boolean {
  return row.cells.every((c) => c.trim() === '');
}

function columnOf(header: string[], words: readonly string[]): number {
  const keys = header.map(headerKey);
  for (const word of words) {
    const index = keys.indexOf(word);
    if (index !== -1) return index;
  }
  return -1;
}

function seatValue(text: string): number | null {
  const normal = text.normalize('NFKC').trim();
  // Excel hands "1" back as "1" or, from some exports, "1.0".
  if (!/^\d{1,3}(\.0+)?$/.test(normal)) return null;
  const seat = Number.parseInt(normal, 10);
  return seat >= 1 && seat <= 999 ? seat : null;
}

function toRoster(all: RawRow[]): ParseResult {
  // Blank lines carry no child: they are skipped, and every other line keeps its own number.
  const rows = all.filter((r) => !isBlank(r));
  const first = rows[0];
  if (!first) return fail('roster-empty');

  let nameCol = columnOf(first.cells, NAME_HEADERS);
  let seatCol = columnOf(first.cells, SEAT_HEADERS);
  let data = rows.slice(1);
  if (nameCol === -1 && seatCol === -1) {
    // No header: accepted only as exactly two columns, one of them seat numbers (a pasted block).
    const filled = first.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.trim() !== '');
    const seatCell = filled.find(({ c }) => seatValue(c) !== null);
    const nameCell = filled.find(({ c }) => seatValue(c) === null);
    if (filled.length !== 2 || !seatCell || !nameCell) return fail('roster-no-header', { line: first.line });
    nameCol = nameCell.i;
    seatCol = seatCell.i;
    data = rows;
  } else if (nameCol === -1) {
    return fail('roster-no-name-column', { line: first.line });
  } else if (seatCol === -1) {
    return fail('roster-no-seat-column', { line: first.line });
  }
  if (data.length === 0) return fail('roster-empty');
  if (data.length > ROSTER_MAX_ROWS) return fail('roster-too-many', { max: ROSTER_MAX_ROWS });

  const out: RosterRow[] = [];
  const nameLines = new Map<string, number>();
  const seatLines = new Map<number, number>();
  for (const row of data) {
    const rawName = row.cells[nameCol] ?? '';
    const rawSeat = row.cells[seatCol] ?? '';
    const line = row.line;
    for (const raw of [rawName, rawSeat]) {
      if (raw !== '' && FORMULA_START.test(raw)) return fail('roster-formula', { line, value: shorten(raw) });
      if (FORMULA_START.test(raw.trim())) return fail('roster-formula', { line, value: shorten(raw.trim()) });
    }
    const name = rawName.normalize('NFKC').trim().replace(/\s+/g, ' ');
    if (name === '') return fail('roster-missing-name', { line });
    if (rawSeat.trim() === '') return fail('roster-missing-seat', { line });
    if (name.length > NAME_MAX_LENGTH || !NAME_CHARS.test(name) || name.replace(FILLERS, '').trim() === '')
      return fail('roster-bad-name', { line, value: shorten(name) });
    const seat = seatValue(rawSeat);
    if (seat === null) return fail('roster-bad-seat', { line, value: shorten(rawSeat.trim()) });
    const sameName = nameLines.get(name);
    if (sameName !== undefined) return fail('roster-duplicate-name', { line, other: sameName, value: name });
    const sameSeat = seatLines.get(seat);
    if (sameSeat !== undefined) return fail('roster-duplicate-seat', { line, other: sameSeat, value: String(seat) });
    nameLines.set(name, line);
    seatLines.set(seat, line);
    out.push({ name, seat, line });
  }
  return { ok: true, rows: out };
}

function shorten(text: string): string {
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
