/**
 * One network client per mounted page: created on mount, closed on unmount, so leaving a route
 * (or React's development double-mount) never leaves a socket behind.
 */
import { useEffect, useState } from 'react';

export function useClient<C extends { close(): void }>(factory: () => C, key: string): C | null {
  const [client, setClient] = useState<C | null>(null);
  // `key` says when a new client is needed; `factory` is a fresh closure every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by `key` on purpose
  useEffect(() => {
    const created = factory();
    setClient(created);
    return () => {
      created.close();
      setClient(null);
    };
  }, [key]);
  return client;
}
