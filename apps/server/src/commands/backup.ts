/**
 * `pnpm heartlamp backup [--out FILE] [--data DIR]`: an online backup of `<data>/heartlamp.db`,
 * safe while the server is running (see store/backup.ts), into FILE or, by default,
 * `<data>/backups/heartlamp-YYYYMMDD-HHMMSS.db`. Exit code 0 when the copy passed
 * `integrity_check`, 1 when it did not or could not be made, 2 when there is nothing to back up.
 */
import { join, resolve } from 'node:path';
import { BackupError, backupFile, nextBackupPath } from '../store/backup.js';

export interface BackupCommandOptions {
  dataDir: string;
  out?: string | undefined;
  print: (line: string) => void;
  printError: (line: string) => void;
}

export async function backupCommand(options: BackupCommandOptions): Promise<number> {
  const dataDir = resolve(options.dataDir);
  const out = options.out ?? nextBackupPath(join(dataDir, 'backups'), new Date());
  try {
    const result = await backupFile(join(dataDir, 'heartlamp.db'), out);
    const size = `${(result.bytes / 1024).toFixed(0)} KB`;
    if (result.ok) {
      options.print(`已备份 Backed up: ${result.path} (${size}, ${result.ms} ms, integrity_check: ok)`);
      return 0;
    }
    options.printError(`备份文件未通过检查 The backup failed integrity_check: ${result.path}`);
    for (const line of result.integrity) options.printError(`  ${line}`);
    return 1;
  } catch (error) {
    if (error instanceof BackupError) {
      options.printError(`无法备份 Cannot back up: ${error.message}`);
      return error.code === 'no-database' ? 2 : 1;
    }
    throw error;
  }
}
