"use client";
import { DescriptionTagsFields } from "@/components/forms/description-tags-fields";
import { NameIdentifierFields } from "@/components/forms/name-identifier-fields";
import { useWizardForm } from "../wizard-model";

/**
 * Name, identifier, description, tags. The identifier follows the name until the user types in
 * it; once the connector exists it is read-only (identifiers are immutable).
 */
export function OverviewStep({
  identifierLocked,
  identifierTouched,
  onIdentifierTouched,
}: {
  identifierLocked: boolean;
  identifierTouched: boolean;
  onIdentifierTouched: () => void;
}) {
  const form = useWizardForm();

  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <NameIdentifierFields
        form={form}
        locked={identifierLocked}
        touched={identifierTouched}
        onTouched={onIdentifierTouched}
        namePlaceholder="Production us-east-1"
        identifierHint={
          identifierLocked
            ? "The identifier cannot change once the connector exists."
            : "Derived from the name. Pipelines and infrastructure definitions refer to the connector by it."
        }
      />
      <DescriptionTagsFields
        form={form}
        placeholder="What this connector is for and who owns it"
        tagsHint="Type key:value (or just a key) and press Enter. Backspace in the empty box removes the last tag."
        className="lg:col-span-2"
      />
    </div>
  );
}
