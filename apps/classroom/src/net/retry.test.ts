import type { Ack, ErrorCode } from '@heartlamp/shared';
import { describe, expect, it, vi } from 'vitest';
import { AckTimeoutError } from './ack';
import { isAbort, newIntentId, ReadyGate, SerialQueue, untilAcked } from './retry';

const ok: Ack<null> = { ok: true, data: null };
const fail = (code: ErrorCode): Ack<null> => ({ ok: false, error: { code, message: code } });

describe('newIntentId', () => {
  it('matches the protocol and is at least 16 characters', () => {
    const id = newIntentId();
    expect(id.length).toBeGreaterThanOrEqual(16);
    expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});

describe('untilAcked', () => {
  it('retries timeouts and transient errors, then returns the ack', async () => {
    vi.useFakeTimers();
    try {
      const gate = new ReadyGate();
      gate.open();
      const answers: (Ack<null> | 'timeout')[] = ['timeout', fail('server-busy'), ok];
      const attempt = vi.fn(async () => {
        const next = answers.shift();
        if (next === 'timeout') throw new AckTimeoutError('play:intent');
        return next ?? ok;
      });
      const result = untilAcked(attempt, { gate, signal: new AbortController().signal });
      await vi.runAllTimersAsync();
      await expect(result).resolves.toEqual(ok);
      expect(attempt).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('returns a final error at once', async () => {
    const gate = new ReadyGate();
    gate.open();
    const attempt = vi.fn(async () => fail('rejected'));
    await expect(untilAcked(attempt, { gate, signal: new AbortController().signal })).resolves.toEqual(
      fail('rejected'),
    );
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('waits for the gate, and stops when aborted', async () => {
    const gate = new ReadyGate();
    const attempt = vi.fn(async () => ok);
    const controller = new AbortController();
    const waiting = untilAcked(attempt, { gate, signal: controller.signal });
    await Promise.resolve();
    expect(attempt).not.toHaveBeenCalled();
    gate.open();
    await expect(waiting).resolves.toEqual(ok);

    gate.close();
    const aborted = untilAcked(attempt, { gate, signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toSatisfy(isAbort);
  });
});

describe('SerialQueue', () => {
  it('runs tasks in order, one at a time, even after a failure', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    let release = () => {};
    const first = queue.run(
      () =>
        new Promise<void>((resolve) => {
          log.push('first start');
          release = () => {
            log.push('first end');
            resolve();
          };
        }),
    );
    const second = queue.run(async () => {
      log.push('second');
      throw new Error('boom');
    });
    const third = queue.run(async () => {
      log.push('third');
    });
    await Promise.resolve();
    expect(log).toEqual(['first start']);
    release();
    await first;
    await expect(second).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['first start', 'first end', 'second', 'third']);
  });
});
