// A dialog form's buttons, last in the form: Cancel, and the submit button, which shows its work
// while the form submits.
import type { ReactNode } from "react";
import { Button } from "./button";

export function FormActions({
  onCancel,
  submitLabel,
  pending,
}: {
  onCancel: () => void;
  submitLabel: ReactNode;
  pending: boolean;
}) {
  return (
    <div className="flex justify-end gap-2 pt-1">
      <Button onClick={onCancel}>Cancel</Button>
      <Button type="submit" variant="primary" loading={pending}>
        {submitLabel}
      </Button>
    </div>
  );
}
