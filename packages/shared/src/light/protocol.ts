/** The protocol's constants, without zod (protocol/events.ts re-exports them beside its schemas). */

/** Bump when a change would break an older client; it is then told to reload. */
export const PROTOCOL_VERSION = 1;

/** A socket message larger than this is refused with `payload-too-large`. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;

export const NAMESPACES = { teach: '/teach', screen: '/screen', play: '/play' } as const;
export type NamespaceName = keyof typeof NAMESPACES;
