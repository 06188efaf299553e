/**
 * Moderation of the free text a child types (issue 5): `childTextSchema` at the boundary (trimmed,
 * no control characters, length in user-perceived characters), then `moderate` before the teacher
 * sees it, which flags and never alters. `normalizeForMatching` is exported for tests and tools.
 * Rendering stays the screen's job: the text is always shown as text, never as HTML.
 */
export { childTextSchema, cleanChildText, graphemeLength } from './child-text.js';
export { MODERATION_CATEGORIES, type ModerationCategory } from './lexicon.js';
export {
  type ModerationMatch,
  type ModerationResult,
  moderate,
  moderationMatchSchema,
  moderationResultSchema,
} from './moderate.js';
export { normalizeForMatching } from './normalize.js';
