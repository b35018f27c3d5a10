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
  onDiscard,
}: {
  step: number;
  editing: boolean;
  busy: boolean;
  cancelHref: string;
  finishHref: string;
  onBack: () => void;
  onSave: () => void;
  /** A new connector's draft can be thrown away (with the secrets created in the wizard). */
  onDiscard?: () => void;
}) {
  const next = WIZARD_STEPS[step + 1];
  return (
    // Phones: the footer sticks to the bottom of the screen (above the home indicator), so the
    // step's main action is never covered or scrolled away.
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-b-lg border-t border-border bg-surface-2/60 px-6 py-3 max-sm:sticky max-sm:bottom-0 max-sm:z-10 max-sm:gap-2 max-sm:bg-surface max-sm:px-3 max-sm:pb-[calc(0.75rem+env(safe-area-inset-bottom))]">
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
            {onDiscard && (
              <Button variant="ghost" onClick={onDiscard} disabled={busy}>
                Discard draft
              </Button>
            )}
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
