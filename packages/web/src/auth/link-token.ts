/**
 * Single-use links carry their token in the #fragment, which browsers never send to a
 * server or a proxy log; the page takes it and clears it from the address bar at once.
 */
export function takeTokenFromAddress(): string {
  const token = window.location.hash.replace(/^#/, '');
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return token;
}
