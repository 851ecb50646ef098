/**
 * The fetch Bolt's Web API client gets on Workers. workerd's fetch throws when called as a
 * method of another object (axios keeps it as `config.fetch`), and it rejects
 * `redirect: 'error'`, which axios's fetch adapter may send: called unbound, with 'manual'.
 */
export const workerFetch: typeof fetch = (input, init) =>
  fetch(input, init?.redirect === 'error' ? { ...init, redirect: 'manual' } : init);
