export * from './api/backup.js';
export * from './api/ledger.js';
export * from './domain/grades.js';
export * from './domain/ids.js';
export * from './domain/locale.js';
export * from './domain/nickname.js';
export * from './protocol/errors.js';
export * from './protocol/events.js';
