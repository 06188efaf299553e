/**
 * `@heartlamp/shared/light`: the values a browser page needs before anything else — locales,
 * nickname words, the join code's format, error codes and their words, the protocol's constants —
 * without zod or any schema, and free of side effects, so the join page a tablet downloads stays
 * small. Types come from `@heartlamp/shared` with `import type` (erased at build time); the server
 * validates every payload with the schemas anyway. The zod modules re-export these, so both entries
 * hand out the very same values.
 */
export * from '../protocol/errors.js';
export * from './join-code.js';
export * from './locale.js';
export * from './nickname.js';
export * from './protocol.js';
