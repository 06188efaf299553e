/**
 * Slowing down guessers without locking out a class.
 *
 * - `LoginThrottle`: after 10 consecutive failures for one account from one address, each further
 *   attempt waits (1 min, 2, 4 … at most 15 min); a success clears the count. An address that fails
 *   on many accounts is slowed the same way after 50 failures.
 * - `CodeThrottle`: wrong join codes. A device (one tablet: its socket, or the device id its browser
 *   keeps) gets 10 wrong codes a minute; after that every code it sends is refused for a while, so
 *   it learns nothing. A school shares one public address, so the address has a much larger budget
 *   (100 wrong codes a minute) that only devices which have already sent a wrong code draw on: 30
 *   classmates typing the right code are never slowed by one child hammering the keypad. Once the
 *   address has run out, a device new to it gets one wrong code instead of ten, so opening socket
 *   after socket does not buy fresh guesses (and `/play` connections per address are rate-limited).
 *
 * Both are in memory: a restart forgets them, which costs an attacker a restart they cannot cause.
 */

interface Failures {
  count: number;
  /** No attempt is checked before this time. */
  waitUntil: number;
  last: number;
}

const MINUTE = 60_000;
const LOGIN_FREE_FAILURES = 10;
const ADDRESS_FREE_FAILURES = 50;
const LOGIN_MAX_WAIT = 15 * MINUTE;
/** Records older than this are dropped (a day of quiet forgives). */
const FORGET_AFTER = 24 * 3600_000;

export class LoginThrottle {
  private readonly byAccount = new Map<string, Failures>();
  private readonly byAddress = new Map<string, Failures>();

  constructor(private readonly now: () => number) {}

  /** Milliseconds to wait before this attempt may be checked; 0 = go ahead. */
  wait(name: string, address: string): number {
    const t = this.now();
    const a = this.byAccount.get(key(name, address));
    const b = this.byAddress.get(address);
    return Math.max(0, (a?.waitUntil ?? 0) - t, (b?.waitUntil ?? 0) - t);
  }

  failed(name: string, address: string): void {
    this.bump(this.byAccount, key(name, address), LOGIN_FREE_FAILURES);
    this.bump(this.byAddress, address, ADDRESS_FREE_FAILURES);
    this.sweep();
  }

  succeeded(name: string, address: string): void {
    this.byAccount.delete(key(name, address));
  }

  private bump(map: Map<string, Failures>, k: string, free: number): void {
    const t = this.now();
    const f = map.get(k) ?? { count: 0, waitUntil: 0, last: t };
    f.count += 1;
    f.last = t;
    if (f.count >= free) f.waitUntil = t + Math.min(LOGIN_MAX_WAIT, MINUTE * 2 ** (f.count - free));
    map.set(k, f);
  }

  private sweep(): void {
    const t = this.now();
    for (const map of [this.byAccount, this.byAddress]) {
      if (map.size < 1000) continue;
      for (const [k, f] of map) if (t - f.last > FORGET_AFTER) map.delete(k);
    }
  }
}

const key = (name: string, address: string) => `${address}\u0000${name.normalize('NFC').toLowerCase()}`;

/** A token bucket: `capacity` tokens, refilled evenly over a minute. */
class Bucket {
  tokens: number;
  last: number;
  constructor(
    readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  refill(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / MINUTE) * this.capacity);
    this.last = now;
  }
}

export const DEVICE_WRONG_CODES_PER_MINUTE = 10;
export const ADDRESS_WRONG_CODES_PER_MINUTE = 100;

export class CodeThrottle {
  private readonly devices = new Map<string, Bucket>();
  private readonly addresses = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  /** May this device send a code now? A throttled device is refused whatever the code. */
  allowed(device: string, address: string): boolean {
    const t = this.now();
    const d = this.devices.get(device);
    if (!d) return true; // a device that never sent a wrong code is never slowed
    d.refill(t);
    if (d.tokens < 1) return false;
    const a = this.addresses.get(address);
    if (!a) return true;
    a.refill(t);
    return a.tokens >= 1;
  }

  /** A code this device sent named no open session. */
  wrong(device: string, address: string): void {
    const t = this.now();
    const a = this.addresses.get(address) ?? new Bucket(ADDRESS_WRONG_CODES_PER_MINUTE, t);
    a.refill(t);
    // A new device on an address that has run out (someone opening socket after socket to guess)
    // gets one wrong code, not ten.
    const d = this.devices.get(device) ?? new Bucket(a.tokens < 1 ? 1 : DEVICE_WRONG_CODES_PER_MINUTE, t);
    d.refill(t);
    d.tokens = Math.max(0, d.tokens - 1);
    this.devices.set(device, d);
    a.tokens = Math.max(0, a.tokens - 1);
    this.addresses.set(address, a);
    this.sweep(t);
  }

  private sweep(t: number): void {
    for (const map of [this.devices, this.addresses]) {
      if (map.size < 5000) continue;
      for (const [k, b] of map) {
        b.refill(t);
        if (b.tokens >= b.capacity) map.delete(k);
      }
    }
  }
}
