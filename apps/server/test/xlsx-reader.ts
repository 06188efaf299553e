/**
 * Reads a workbook back into plain rows with exceljs (resolved from this package), for tests that
 * check an export cell by cell — the browser test included, whose folder has no exceljs of its own.
 */
import ExcelJS from 'exceljs';

/** Sheet name → rows → cell values (1-based columns become 0-based). */
export async function readWorkbook(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(bytes).buffer);
  const sheets: Record<string, unknown[][]> = {};
  for (const sheet of book.worksheets) {
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      rows[n - 1] = Array.from({ length: row.cellCount }, (_, i) => row.getCell(i + 1).value);
    });
    sheets[sheet.name] = rows;
  }
  return sheets;
}

/** The value beside a label in the first column. */
export function valueBeside(rows: unknown[][] | undefined, label: string): unknown {
  return rows?.find((r) => r?.[0] === label)?.[1];
}
