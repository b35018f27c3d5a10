// Small helpers for benchmarks: percentiles and a printed table.
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(name: string, samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { name, n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), min: s[0]!, max: s.at(-1)! };
}

export function printTable(rows: ReturnType<typeof summarize>[]) {
  const f = (x: number) => `${x.toFixed(1)} ms`.padStart(10);
  console.log(
    `${"measurement".padEnd(44)} ${"n".padStart(4)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"min".padStart(10)} ${"max".padStart(10)}`,
  );
  for (const r of rows)
    console.log(`${r.name.padEnd(44)} ${String(r.n).padStart(4)} ${f(r.p50)} ${f(r.p95)} ${f(r.min)} ${f(r.max)}`);
}

export const BENCH_ADMIN = { email: "bench@conduit.test", password: "bench-admin-password-1" };

/** Signs in as the bench's admin (started with CONDUIT_ADMIN_*) and returns a bearer header. */
export async function benchAuthorization(baseUrl: string): Promise<{ authorization: string }> {
  const signIn = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!signIn.ok) throw new Error(`bench sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const made = await fetch(`${baseUrl}/api/me/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ name: "bench", expiresInDays: 1 }),
  });
  if (made.status !== 201) throw new Error(`bench token failed: ${made.status} ${await made.text()}`);
  return { authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
}
