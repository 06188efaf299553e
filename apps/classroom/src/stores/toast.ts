/**
 * Short messages (ack errors, "sent") shown in a corner and dismissed by themselves. A teacher
 * should read what went wrong in words, never see a stack trace or an error code.
 */
import { create } from 'zustand';

export type ToastTone = 'info' | 'error';

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: Toast[];
}

const TOAST_MS = 6000;
let nextId = 1;

export const useToasts = create<ToastState>()(() => ({ toasts: [] }));

export function dismissToast(id: number): void {
  useToasts.setState((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

export function showToast(text: string, tone: ToastTone = 'error'): void {
  const id = nextId++;
  // Identical messages in a row (a retried failure) are shown once.
  useToasts.setState((s) =>
    s.toasts.some((t) => t.text === text) ? s : { toasts: [...s.toasts.slice(-2), { id, text, tone }] },
  );
  window.setTimeout(() => dismissToast(id), TOAST_MS);
}
