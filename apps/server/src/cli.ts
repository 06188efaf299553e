/**
 * The `heartlamp` command line, run from the repository root as `pnpm heartlamp <command>`.
 * Commands: start. Options: --data DIR (or HEARTLAMP_DATA; default ./data), --port N (or PORT;
 * default 3000), --host H (default 0.0.0.0). Later issues add export, demo, purge and backup.
 */
import { parseArgs } from 'node:util';
import { start } from './main.js';

const USAGE = `用法 Usage: pnpm heartlamp <command> [options]

Commands:
  start              启动心灯 Start the server (console, projector, tablets) on one port

Options:
  --data DIR         数据库文件夹 Database folder (env HEARTLAMP_DATA, default ./data)
  --port N           端口 Port (env PORT, default 3000)
  --host H           监听地址 Interface to listen on (default 0.0.0.0: the whole LAN)
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
    case 'start':
      await start({ dataDir, port, host: values.host ?? '0.0.0.0' });
      return 0;
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
