"use client";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/misc";
import { useConnectionTest } from "@/lib/connection-test/hooks";
import type { ScopeRef } from "@/lib/scope";
import { TestSteps } from "./test-steps";
import { Verdict } from "./verdict";

/** "Test connection" for a saved connector: live steps as they stream, then the verdict. */
export function ConnectionTestRunner({
  scope,
  identifier,
  autoStart = false,
  onStarted,
  disabledReason,
}: {
  scope: ScopeRef;
  identifier: string;
  autoStart?: boolean;
  onStarted?: () => void;
  /** Why the caller may not run the test (shown on the button, which then does nothing). */
  disabledReason?: string;
}) {
  const test = useConnectionTest(scope);
  const started = useRef(false);
  const { start } = test;
  useEffect(() => {
    if (autoStart && !started.current) {
      started.current = true;
      onStarted?.();
      void start({ identifier });
    }
    if (!autoStart) started.current = false;
  }, [autoStart, identifier, start, onStarted]);

  return (
    <section aria-label="Connection test" className="flex flex-col gap-3">
      <div className="flex items-center gap-3">
        <Button
          variant="primary"
          onClick={() => start({ identifier })}
          loading={test.running}
          disabledReason={test.running ? undefined : disabledReason}
        >
          {test.running ? "Testing…" : test.result ? "Test again" : "Test connection"}
        </Button>
        {test.running && <span className="text-sm text-muted">Calling AWS…</span>}
      </div>
      {test.error && <Alert>{test.error}</Alert>}
      {test.result && <Verdict result={test.result} />}
      {(test.running || test.result) && <TestSteps steps={test.steps} />}
    </section>
  );
}
