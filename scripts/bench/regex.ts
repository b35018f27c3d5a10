// `npm run bench:regex`: a runtime input's `.regex()` is matched on RE2 (re2js), so the time to
// resolve a value stays linear in its length even for a catastrophic pattern. Measured side by
// side in one run: `(a+)+b` against "a"×n + "!" with RE2 for n from 1,000 to 64,000, and with
// JavaScript's backtracking RegExp (what Conduit used before) for n from 16 to 24, where each
// extra character doubles its time. Target: RE2's time per character stays flat (max/min ≤ 3).
import { matchesWhole } from "../../lib/runtime-input";
import { printTable, summarize } from "./lib";

const PATTERN = "(a+)+b";
const RUNS = 15;

function time(fn: () => boolean): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function main() {
  for (let i = 0; i < 20; i++) matchesWhole(PATTERN, `${"a".repeat(1000)}!`); // warm-up
  const re2 = [1_000, 4_000, 16_000, 64_000].map((n) => {
    const value = `${"a".repeat(n)}!`;
    return {
      n,
      s: summarize(
        `RE2, n = ${n}`,
        Array.from({ length: RUNS }, () => time(() => matchesWhole(PATTERN, value))),
      ),
    };
  });
  const backtracking = [16, 18, 20, 22, 24].map((n) => {
    const value = `${"a".repeat(n)}!`;
    const re = new RegExp(`^(?:${PATTERN})$`);
    return {
      n,
      s: summarize(
        `JS RegExp, n = ${n}`,
        Array.from({ length: 3 }, () => time(() => re.test(value))),
      ),
    };
  });
  console.log(`\nResolving "${PATTERN}" against "a"×n + "!"\n`);
  printTable([...re2.map((r) => r.s), ...backtracking.map((r) => r.s)]);
  const perChar = re2.map((r) => (r.s.p50 * 1000) / r.n);
  const spread = Math.max(...perChar) / Math.min(...perChar);
  console.log(
    `\nRE2 µs per character (p50): ${perChar.map((x) => x.toFixed(3)).join(" · ")} → max/min ${spread.toFixed(2)} (target ≤ 3) → ${spread <= 3 ? "MET" : "NOT MET"}`,
  );
  const b = backtracking.map((r) => r.s.p50);
  console.log(
    `JS RegExp p50 ${b.map((x) => `${x.toFixed(1)} ms`).join(" · ")}: ×${(b[b.length - 1]! / Math.max(b[0]!, 0.001)).toFixed(0)} from n = 16 to 24`,
  );
}

main();
