/** Development only (the App answers 404 elsewhere): tokens for the simulated user tid/oid from /api/dev/token, cached. */
export function devTokenGetter(tid: string, oid: string): () => Promise<string> {
  let cached: { token: string; expires: number } | undefined;
  return async () => {
    if (cached && cached.expires > Date.now()) return cached.token;
    const response = await fetch(`/api/dev/token?tid=${encodeURIComponent(tid)}&oid=${encodeURIComponent(oid)}`);
    if (!response.ok) throw new Error(`The development token endpoint answered ${response.status}.`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    cached = { token: body.access_token, expires: Date.now() + (body.expires_in - 60) * 1000 };
    return cached.token;
  };
}
