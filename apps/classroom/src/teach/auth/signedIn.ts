/**
 * Recognising the server's "this browser is not signed in" on a socket: the /teach and /screen
 * namespaces refuse the handshake without the `hl_session` cookie (`connect_error` whose `data`
 * carries `{ code: 'not-signed-in' }`), and an ack may say the same. The console then shows its
 * sign-in card; the projector asks for the console to be signed in first.
 */
export function isNotSignedInError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && error.code === 'not-signed-in') return true;
  if ('message' in error && error.message === 'not-signed-in') return true;
  return 'data' in error && isNotSignedInError(error.data);
}
