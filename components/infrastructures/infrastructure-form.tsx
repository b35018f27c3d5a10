"use client";
// Create and edit an EKS infrastructure definition: one react-hook-form, validated by the API's
// own zod contract, in four sections. Saving sends the version the form was loaded at
// (If-Match); a newer one on the server is a conflict the user resolves by reloading. A new
// definition's draft is kept in the browser as it is typed; leaving with unsaved changes asks.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useMemo, useState, type FormEvent } from "react";
import { FormProvider } from "react-hook-form";
import { DiscardDraftDialog, DraftNotice } from "@/components/forms/draft-ui";
import { draftKey } from "@/components/forms/drafts";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Button } from "@/components/ui/button";
import { Breadcrumbs } from "@/components/ui/details-header";
import { PageHeader } from "@/components/ui/misc";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { useCreateInfrastructure, useInfrastructure, useUpdateInfrastructure } from "@/lib/infrastructures/hooks";
import { defaultInfrastructureInput, infrastructureInputSchema } from "@/lib/infrastructures/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { FORM_FIELDS, toFormValues } from "./form-model";
import { infrastructureHref, infrastructuresHref } from "./links";
import { AdvancedSection } from "./sections/advanced-section";
import { ClusterSection } from "./sections/cluster-section";
import { OverviewSection } from "./sections/overview-section";
import { TypeSection } from "./sections/type-section";

const DRAFT_FORMAT = 1;

const savedOf = (dto: InfrastructureDto) => ({
  identifier: dto.infrastructureDefinition.identifier,
  environment: dto.environment.identifier,
  version: dto.version,
});

export function InfrastructureForm({
  definition,
  environment,
}: {
  definition?: InfrastructureDto;
  environment?: string;
}) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const router = useRouter();
  const editing = Boolean(definition);
  const create = useCreateInfrastructure(scope);
  const update = useUpdateInfrastructure(scope);
  const { form, item, submit, alerts, draft } = useResourceForm({
    schema: infrastructureInputSchema,
    item: definition,
    defaultValues: definition ? toFormValues(definition) : defaultInfrastructureInput(environment ?? ""),
    mode: "onSubmit",
    fields: FORM_FIELDS,
    recheckOnChange: true,
    draft: {
      draftKey: editing ? null : draftKey("infrastructure", scope),
      format: DRAFT_FORMAT,
      leaveMessage: editing
        ? "Leave this page? Your changes to the definition are not saved."
        : "Leave this page? The definition is not saved yet (its draft stays in this browser).",
    },
    // The sections are long: say why nothing happened when the messages are below the fold.
    placedMessage: "The definition was not saved: check the marked fields.",
    invalidMessage: "Some fields need attention before the definition can be saved.",
    reload: {
      what: "infrastructure definition",
      // Only read after a version conflict, to load the newest saved copy.
      latest: useInfrastructure(scope, {
        environment: definition?.environment.identifier ?? "",
        identifier: definition?.infrastructureDefinition.identifier ?? "",
      }),
      toValues: toFormValues,
    },
  });
  const saved = item && savedOf(item);
  const busy = create.isPending || update.isPending || form.formState.isSubmitting;
  const [discarding, setDiscarding] = useState(false);

  const save = submit(async (input) => {
    const dto = saved ? await update.mutateAsync({ ...saved, input }) : await create.mutateAsync(input);
    router.push(infrastructureHref(href, dto.environment.identifier, dto.infrastructureDefinition.identifier));
  });

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // Forms in portalled dialogs (connector picker, runtime input editor) bubble their submit here.
    if (e.target !== e.currentTarget) {
      e.preventDefault();
      return;
    }
    void save(e);
  };

  const cancelHref = saved
    ? infrastructureHref(href, saved.environment, saved.identifier)
    : infrastructuresHref(href, environment);

  return (
    <FormProvider {...form}>
      <Breadcrumbs
        trail={[{ label: "Infrastructure definitions", href: href("/infrastructures") }]}
        current={editing ? definition!.infrastructureDefinition.name : "New"}
      />
      <PageHeader
        title={editing ? `Edit ${definition!.infrastructureDefinition.name}` : "New infrastructure definition"}
        description={
          editing ? (
            <>
              <span className="font-mono">{definition!.infrastructureDefinition.identifier}</span> in{" "}
              {definition!.environment.name}
            </>
          ) : (
            "An EKS cluster and namespace your services deploy to, reached through an AWS connector."
          )
        }
      />
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex max-w-5xl flex-col gap-5"
        aria-label={editing ? "Edit infrastructure definition" : "New infrastructure definition"}
      >
        {draft.restored && <DraftNotice onDiscard={() => setDiscarding(true)} />}
        {alerts}
        {/* A restored draft remounts the sections: their own state follows the restored values
            (an identifier the user typed, the connector the cluster was chosen with). */}
        <Fragment key={draft.generation}>
          <OverviewSection scope={scope} editing={editing} />
          <TypeSection />
          <ClusterSection scope={scope} />
          <AdvancedSection />
        </Fragment>
        <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-2 rounded-lg border border-border bg-surface/95 px-4 py-3 backdrop-blur">
          <Button variant="ghost" asChild>
            <Link href={cancelHref}>Cancel</Link>
          </Button>
          {!editing && draft.dirty && (
            <Button variant="ghost" onClick={() => setDiscarding(true)}>
              Discard draft
            </Button>
          )}
          <Button type="submit" variant="primary" loading={busy}>
            {editing ? "Save changes" : "Save definition"}
          </Button>
        </div>
      </form>
      <DiscardDraftDialog
        open={discarding}
        onOpenChange={setDiscarding}
        what="infrastructure definition"
        place="this form"
        secrets={draft.createdSecrets}
        onDiscarded={() => {
          draft.discard(defaultInfrastructureInput(environment ?? ""));
          setDiscarding(false);
        }}
      />
    </FormProvider>
  );
}
