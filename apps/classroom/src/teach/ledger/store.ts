/**
 * What the ledger pages share: the terms and classes (loaded once, refreshed after a change) and
 * the period the statistics and exports look at, so switching between those two pages keeps it.
 */
import type { ClassInfo, TermInfo } from '@heartlamp/shared';
import { create } from 'zustand';
import { ledgerApi, type PeriodChoice } from './api';

export interface LedgerStore {
  terms: TermInfo[];
  classes: ClassInfo[];
  loaded: boolean;
  failed: boolean;
  period: PeriodChoice;
  /** The class the next lesson is for (the activity picker), or none. */
  lessonClass: string | null;
  /** `period` is a range chosen for the teacher because no term existed. */
  autoRange: boolean;
}

export const useLedger = create<LedgerStore>()(() => ({
  terms: [],
  classes: [],
  loaded: false,
  failed: false,
  // `termId: null` is "the current term" (the server decides which that is).
  period: { kind: 'term', termId: null },
  lessonClass: null,
  autoRange: false,
}));

export async function refreshLedger(): Promise<void> {
  const [terms, classes] = await Promise.all([ledgerApi.terms(), ledgerApi.classes()]);
  useLedger.setState({
    terms: terms.ok ? terms.data : useLedger.getState().terms,
    classes: classes.ok ? classes.data : useLedger.getState().classes,
    loaded: true,
    failed: !terms.ok || !classes.ok,
  });
}

/** Today on this computer's calendar, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A guess at the current term's first day, for a date range when no term is set up yet. */
export function termStartGuess(): string {
  const d = new Date();
  const y = d.getFullYear();
  const m = d.getMonth() + 1;
  if (m >= 9) return `${y}-09-01`;
  if (m <= 1) return `${y - 1}-09-01`;
  return `${y}-02-01`;
}
