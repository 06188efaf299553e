/**
 * The `heartlamp` command line, run from the repository root as `pnpm heartlamp <command>`.
 * Commands: start, backup, export, demo, bench-reports, purge, passphrase. Options: --data DIR (or HEARTLAMP_DATA; default ./data), --port N (or
 * PORT; default 3000), --host H (default 0.0.0.0), --out FILE (backup, export). Commands export,
 * demo and bench-reports serve the semester ledger (commands/); purge and passphrase, trust.
 */
import { parseArgs } from 'node:util';
import { backupCommand } from './commands/backup.js';

const USAGE = `用法 Usage: pnpm heartlamp <command> [options]

Commands:
  start              启动心灯 Start the server (console, projector, tablets) on one port
  backup             备份数据库(服务器运行时也可以)Back up the database, even while the server runs
  export             导出统计 Export statistics: --format xlsx|csv|summary [--out FILE]
                     (默认本学期 current term; --term ID, or --from/--to YYYY-MM-DD; --names 含姓名)
  demo               生成演示学校 Fill an empty database with a synthetic school (--stress: +1,000,000
                     participations over five years; --force: even if it holds data)
  bench-reports      报表速度测试 Print how fast statistics and exports are (after demo --stress)
  purge              清理过期数据 Delete data past its retention time now, then compact the file
                     (the server also does this every day)
  passphrase         重设老师口令 Set a teacher's passphrase (read from the keyboard): --name NAME
                     (adds the teacher if there is none by that name: the way back in)

Options:
  --data DIR         数据库文件夹 Database folder (env HEARTLAMP_DATA, default ./data)
  --port N           端口 Port (env PORT, default 3000)
  --host H           监听地址 Interface to listen on (default 0.0.0.0: the whole LAN)
  --out FILE         备份文件 Backup file (default DIR/backups/heartlamp-YYYYMMDD-HHMMSS.db)
  -h, --help         显示帮助 Show this help
`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const dataDir = values.data ?? process.env.HEARTLAMP_DATA ?? 'data';
  const portText = values.port ?? process.env.PORT ?? '3000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口不对 Not a port number: ${portText}`);
    return 2;
  }
  switch (command) {
    case 'start': {
      // Loaded on demand like the ledger commands, so `backup` does not load the whole server first.
      const { start } = await import('./main.js');
      await start({ dataDir, port, host: values.host ?? '0.0.0.0' });
      return 0;
    }
    case 'backup':
      return backupCommand({ dataDir, out: values.out, print: console.log, printError: console.error });
    // The ledger commands load exceljs and the query modules: imported only when used, so `start`
    // and `backup` start as fast as before.
    case 'export': {
      const { exportCommand } = await import('./commands/export.js');
      return exportCommand({
        dataDir,
        format: values.format,
        out: values.out,
        term: values.term,
        from: values.from,
        to: values.to,
        names: values.names ?? false,
        print: console.log,
        printError: console.error,
      });
    }
    case 'demo': {
      const { demoCommand } = await import('./commands/demo.js');
      return demoCommand({
        dataDir,
        stress: values.stress ?? false,
        force: values.force ?? false,
        print: console.log,
      });
    }
    case 'bench-reports': {
      const { benchCommand } = await import('./commands/bench.js');
      return benchCommand({ dataDir, print: console.log });
    }
    case 'purge': {
      const { purgeCommand } = await import('./commands/trust.js');
      return purgeCommand({ dataDir, print: console.log, printError: console.error });
    }
    case 'passphrase': {
      const { passphraseCommand } = await import('./commands/trust.js');
      return passphraseCommand({ dataDir, name: values.name, print: console.log, printError: console.error });
    }
    default:
      console.error(`不认识的命令 Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      term: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      names: { type: 'boolean' },
      name: { type: 'string' },
      stress: { type: 'boolean' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
