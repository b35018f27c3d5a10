"use client";
import { Card } from "@/components/ui/misc";
import { CLUSTER_TEST_STEP_LABELS, type ClusterTestResult } from "@/lib/gitops/dto";
import { cn } from "@/components/ui/cn";

/** The verdict of "Test connection"; the steps above it show, live, what failed and the command that fixes it. */
export function TestResultPanel({ result }: { result: ClusterTestResult }) {
  const ok = result.status === "Successful";
  return (
    <Card className={cn("flex flex-col gap-3", ok ? "border-success/40" : "border-danger/40")}>
      <div role={ok ? "status" : "alert"}>
        <h2 className={cn("text-base font-semibold", ok ? "text-success" : "text-danger")}>
          {ok
            ? "Connection successful"
            : `Connection failed at “${CLUSTER_TEST_STEP_LABELS[result.failedStep ?? "connect"]}”`}
        </h2>
        <p className="mt-1 text-sm">{result.message}</p>
        {result.notSaved && <p className="mt-1 text-sm text-muted">{result.notSaved}</p>}
      </div>
    </Card>
  );
}
