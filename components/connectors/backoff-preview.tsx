"use client";
import { delaySchedule, type BackoffStrategy, type RetryableClass } from "@/lib/aws/backoff";
import { formatMs } from "./wizard-model";

/**
 * The delay before each retry as a min–max range, with a bar per retry drawn to the scale of
 * the longest delay. Uses the same delaySchedule() the server retries with.
 */
export function DelayTable({
  strategy,
  caption,
  errorClass = "transient",
}: {
  strategy: BackoffStrategy | null;
  caption: string;
  errorClass?: RetryableClass;
}) {
  // The random part does not matter here: only the bounds are shown.
  const rows = delaySchedule(strategy, undefined, () => 0.5, errorClass);
  const scale = Math.max(1, ...rows.map((r) => r.maxMs));
  const total = rows.reduce((sum, r) => ({ min: sum.min + r.minMs, max: sum.max + r.maxMs }), { min: 0, max: 0 });

  return (
    <table className="w-full table-fixed border-collapse text-sm">
      <caption className="mb-2 text-left text-xs font-medium text-muted">{caption}</caption>
      <thead>
        <tr className="border-b border-border text-left text-xs text-muted">
          <th scope="col" className="w-20 py-1.5 pr-3 font-medium">
            Retry
          </th>
          <th scope="col" className="w-40 py-1.5 pr-3 font-medium">
            Delay before it
          </th>
          <th scope="col" className="py-1.5 font-medium">
            <span className="sr-only">Range on a common scale</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={3} className="py-2 text-muted">
              No retries: a failed call fails at once.
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.attempt} className="border-b border-border/60 last:border-0">
            <th scope="row" className="py-1.5 pr-3 text-left font-normal tabular-nums text-muted">
              {r.attempt + 1}
            </th>
            <td className="py-1.5 pr-3 font-mono text-xs tabular-nums">
              {r.minMs === r.maxMs ? formatMs(r.maxMs) : `${formatMs(r.minMs)} – ${formatMs(r.maxMs)}`}
            </td>
            <td className="py-1.5" aria-hidden>
              <div className="relative h-2 rounded-full bg-surface-2">
                <div
                  className="absolute inset-y-0 min-w-1 rounded-full bg-accent/70"
                  style={{
                    left: `${(r.minMs / scale) * 100}%`,
                    width: `${Math.max(0, ((r.maxMs - r.minMs) / scale) * 100)}%`,
                  }}
                />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
      {rows.length > 1 && (
        <tfoot>
          <tr className="text-xs text-muted">
            <th scope="row" className="pt-2 pr-3 text-left font-medium">
              Total
            </th>
            <td colSpan={2} className="pt-2">
              <span className="font-mono tabular-nums">
                {total.min === total.max ? formatMs(total.max) : `${formatMs(total.min)} – ${formatMs(total.max)}`}
              </span>{" "}
              of waiting if every retry is used
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
