"use client";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { TEST_STEP, WIZARD_STEPS } from "./wizard-model";

/** Phones: narrower padding, so the row's buttons fit 360 px side by side (44 px wide at least). */
const PHONE_TIGHT = "max-sm:min-w-11 max-sm:px-3";

/**
 * Back on the left; Cancel, an edit-mode shortcut to save, and the step's main action on the right.
 * Phones: one row of 44 px buttons (about 64 px with its padding), every action still there: Back
 * shows its arrow only and the longer labels their first word; each button's name stays the whole
 * label (it starts with the word shown, WCAG 2.5.3).
 */
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
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-b-lg border-t border-border bg-surface-2/60 px-6 py-3 max-sm:sticky max-sm:bottom-0 max-sm:z-10 max-sm:gap-1.5 max-sm:bg-surface max-sm:px-3 max-sm:py-2.5 max-sm:pb-[calc(0.625rem+env(safe-area-inset-bottom))]">
      <div className="shrink-0">
        {step > 0 && (
          <Button onClick={onBack} disabled={busy} className={PHONE_TIGHT}>
            <span aria-hidden>←</span>
            <span className="max-sm:sr-only">Back</span>
          </Button>
        )}
      </div>
      <div className="flex min-w-0 flex-wrap items-center justify-end gap-2 max-sm:gap-1.5">
        {step < TEST_STEP ? (
          <>
            <Button variant="ghost" asChild className={PHONE_TIGHT}>
              <Link href={cancelHref}>Cancel</Link>
            </Button>
            {onDiscard && (
              <Button
                variant="ghost"
                onClick={onDiscard}
                disabled={busy}
                className={PHONE_TIGHT}
                aria-label="Discard draft"
              >
                <span>
                  Discard<span className="max-sm:hidden">&nbsp;draft</span>
                </span>
              </Button>
            )}
            {editing && step < TEST_STEP - 1 && (
              <Button onClick={onSave} loading={busy} className={PHONE_TIGHT} aria-label="Save changes">
                <span>
                  Save<span className="max-sm:hidden">&nbsp;changes</span>
                </span>
              </Button>
            )}
            {step === TEST_STEP - 1 ? (
              <Button
                type="submit"
                variant="primary"
                loading={busy}
                className={PHONE_TIGHT}
                aria-label="Save and continue"
              >
                <span>
                  Save<span className="max-sm:hidden">&nbsp;and continue</span>
                </span>
              </Button>
            ) : (
              <Button
                type="submit"
                variant="primary"
                disabled={busy}
                className={PHONE_TIGHT}
                aria-label={next ? `Next: ${next.label}` : "Next"}
              >
                <span>
                  Next<span className="max-sm:hidden">{next ? `: ${next.label}` : ""}</span>
                </span>
                <span aria-hidden>→</span>
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
