"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { TEST_STEP, WIZARD_STEPS } from "./wizard-model";

/** Back on the left; Cancel, an edit-mode shortcut to save, and the step's main action on the right. */
export function WizardFooter({
  step,
  editing,
  busy,
  cancelHref,
  finishHref,
  onBack,
  onSave,
}: {
  step: number;
  editing: boolean;
  busy: boolean;
  cancelHref: string;
  finishHref: string;
  onBack: () => void;
  onSave: () => void;
}) {
  const next = WIZARD_STEPS[step + 1];
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-b-lg border-t border-border bg-surface-2/60 px-6 py-3">
      <div>
        {step > 0 && (
          <Button onClick={onBack} disabled={busy}>
            <span aria-hidden>←</span> Back
          </Button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {step < TEST_STEP ? (
          <>
            <Button variant="ghost" asChild>
              <Link href={cancelHref}>Cancel</Link>
            </Button>
            {editing && step < TEST_STEP - 1 && (
              <Button onClick={onSave} loading={busy}>
                Save changes
              </Button>
            )}
            {step === TEST_STEP - 1 ? (
              <Button type="submit" variant="primary" loading={busy}>
                Save and continue
              </Button>
            ) : (
              <Button type="submit" variant="primary" disabled={busy}>
                Next{next ? `: ${next.label}` : ""} <span aria-hidden>→</span>
              </Button>
            )}
          </>
        ) : (
          <Button variant="primary" asChild>
            <Link href={finishHref}>Finish</Link>
          </Button>
        )}
      </div>
    </div>
  );
}
