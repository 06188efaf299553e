/**
 * Connection state of this page's socket. Each page talks to one namespace, so one status is
 * enough. `outdated` is sticky: once the server says this build is too old, nothing else is shown
 * until the page is reloaded.
 */
import { create } from 'zustand';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Has this page been online at least once (then a drop is "reconnecting", not "connecting"). */
  wasOnline: boolean;
  outdated: boolean;
}

export const useConnection = create<ConnectionState>()(() => ({
  status: 'connecting',
  wasOnline: false,
  outdated: false,
}));

export function setConnectionStatus(status: ConnectionStatus): void {
  useConnection.setState((s) => ({ status, wasOnline: s.wasOnline || status === 'online' }));
}

export function markOutdated(): void {
  useConnection.setState({ outdated: true });
}
