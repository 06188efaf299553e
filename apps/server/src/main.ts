/**
 * `heartlamp start`: reads the config, creates the server, listens on every interface, and prints
 * what the teacher needs — the console address on this laptop, the join address for tablets, and a
 * QR code of it — in the terminal.
 */
import { resolve } from 'node:path';
import QRCode from 'qrcode';
import { lanAddresses } from './network.js';
import { createServer } from './server.js';

export interface StartOptions {
  dataDir: string;
  port: number;
  host: string;
}

export async function start(options: StartOptions): Promise<void> {
  const server = createServer({
    dataDir: resolve(options.dataDir),
    log: (message) => console.error(`[heartlamp] ${message}`),
    // A district server behind a reverse proxy says so; on a laptop those headers could be forged.
    trustProxy: process.env.HEARTLAMP_TRUST_PROXY === '1',
  });
  let origin: string;
  try {
    ({ origin } = await server.listen(options.port, options.host));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`端口 ${options.port} 已被占用。Port ${options.port} is in use: run with PORT=3001 pnpm start`);
      await server.close();
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const port = new URL(origin).port;
  const joinUrl = `${origin}/join`;
  const qr = await QRCode.toString(joinUrl, { type: 'terminal', small: true });
  const others = lanAddresses().slice(1);
  console.log(
    [
      '',
      '  心灯 Heartlamp 已启动 / is running',
      '',
      `  老师控制台 Teacher console:  http://localhost:${port}/teach`,
      `  学生加入 Students join:      ${joinUrl}`,
      ...others.map((ip) => `                               http://${ip}:${port}/join`),
      `  数据 Data:                   ${resolve(options.dataDir, 'heartlamp.db')}`,
      '',
      qr,
      '  按 Ctrl+C 停止 / Press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  const stop = () => {
    console.log('\n  正在保存并退出… Saving and stopping…');
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
