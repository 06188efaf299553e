/**
 * `pnpm heartlamp purge`: applies the retention setting now (the server also does it daily), then
 * vacuums the file. `pnpm heartlamp passphrase --name NAME`: sets a teacher's passphrase (read from
 * standard input), or creates that teacher — the way back in for a school whose only teacher forgot
 * theirs. Whoever can run commands on this computer can read its database anyway, so the command
 * line is trusted; every browser and tablet is not.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { passphraseSchema, teacherNameSchema } from '@heartlamp/shared';
import { openDb } from '../store/db.js';
import { createPrivacy } from '../store/privacy.js';
import { createTeachers } from '../store/teachers.js';

export interface TrustCommandOptions {
  dataDir: string;
  print: (line: string) => void;
  printError: (line: string) => void;
}

function open(options: TrustCommandOptions) {
  const file = join(resolve(options.dataDir), 'heartlamp.db');
  if (!existsSync(file)) {
    options.printError(`找不到数据库 No database at ${file}`);
    return null;
  }
  return openDb(file);
}

export function purgeCommand(options: TrustCommandOptions): number {
  const db = open(options);
  if (!db) return 2;
  try {
    const privacy = createPrivacy(db, { now: Date.now });
    const { emotionDays, participationDays } = privacy.retention();
    const report = privacy.purge();
    const rows = Object.entries(report.removed)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`);
    options.print(
      `已清理 Purged (情绪数据保留 emotional data kept ${emotionDays} 天 days, 参与记录 participation ${participationDays} 天 days): ` +
        `${rows.length > 0 ? rows.join(', ') : '没有过期数据 nothing was due'}; ` +
        `${kb(report.bytesBefore)} → ${kb(report.bytesAfter)}, ${report.ms} ms`,
    );
    return 0;
  } finally {
    db.close();
  }
}

export async function passphraseCommand(
  options: TrustCommandOptions & { name: string | undefined; input?: NodeJS.ReadableStream },
): Promise<number> {
  const name = teacherNameSchema.safeParse(options.name ?? '');
  if (!name.success) {
    options.printError('请用 --name 指定老师的名字 Give the teacher’s name with --name');
    return 2;
  }
  const lines = createInterface({ input: options.input ?? process.stdin, terminal: false });
  options.print(
    `请输入“${name.data}”的新口令(至少 8 个字符)后按回车 Type the new passphrase (8+ characters), then Enter:`,
  );
  const typed = await lines[Symbol.asyncIterator]().next();
  lines.close();
  const passphrase = passphraseSchema.safeParse(typeof typed.value === 'string' ? typed.value : '');
  if (!passphrase.success) {
    options.printError('口令至少要 8 个字符 The passphrase needs at least 8 characters');
    return 2;
  }
  const db = open(options);
  if (!db) return 2;
  try {
    const teachers = createTeachers(db, { now: Date.now });
    const existing = teachers.byName(name.data);
    if (existing) {
      await teachers.setPassphrase(existing.id, passphrase.data);
      options.print(`已更新“${name.data}”的口令,其他登录已退出 Passphrase changed; other sign-ins ended.`);
    } else {
      await teachers.add(name.data, passphrase.data);
      options.print(`已添加老师“${name.data}” Teacher added.`);
    }
    return 0;
  } finally {
    db.close();
  }
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
