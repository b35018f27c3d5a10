"use client";
// Create and edit an EKS infrastructure definition: one react-hook-form, validated by the API's
// own zod contract, in four sections. Saving sends the version the form was loaded at
// (If-Match); a newer one on the server is a conflict the user resolves by reloading.
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { FormProvider, useForm, type Path } from "react-hook-form";
import { VersionConflictAlert, isVersionConflict } from "@/components/forms/version-conflict";
import { Button } from "@/components/ui/button";
import { Breadcrumbs } from "@/components/ui/details-header";
import { Alert, PageHeader } from "@/components/ui/misc";
import { errorMessage } from "@/lib/http/client";
import type { InfrastructureDto } from "@/lib/infrastructures/dto";
import { useCreateInfrastructure, useInfrastructure, useUpdateInfrastructure } from "@/lib/infrastructures/hooks";
import {
  defaultInfrastructureInput,
  infrastructureInputSchema,
  type InfrastructureInput,
} from "@/lib/infrastructures/schemas";
import { useScope } from "@/lib/scopes/hooks";
import { applyServerErrors, toFormValues, type InfraFormValues } from "./form-model";
import { infrastructureHref, infrastructuresHref } from "./links";
import { AdvancedSection } from "./sections/advanced-section";
import { ClusterSection } from "./sections/cluster-section";
import { OverviewSection } from "./sections/overview-section";
import { TypeSection } from "./sections/type-section";

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
  const [saved, setSaved] = useState(
    definition
      ? {
          identifier: definition.infrastructureDefinition.identifier,
          environment: definition.environment.identifier,
          version: definition.version,
        }
      : null,
  );
  const form = useForm<InfraFormValues, unknown, InfrastructureInput>({
    resolver: zodResolver(infrastructureInputSchema),
    defaultValues: definition ? toFormValues(definition) : defaultInfrastructureInput(environment ?? ""),
    mode: "onSubmit",
  });
  const [identifierTouched, setIdentifierTouched] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const create = useCreateInfrastructure(scope);
  const update = useUpdateInfrastructure(scope);
  // Only read after a version conflict, to load the newest saved copy.
  const latest = useInfrastructure(scope, {
    environment: saved?.environment ?? "",
    identifier: saved?.identifier ?? "",
  });

  // A field showing an error is re-checked as it changes, so the message goes once it is fixed.
  const { subscribe, trigger, getFieldState } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name }) => {
          if (name && getFieldState(name as Path<InfraFormValues>).error) void trigger(name as Path<InfraFormValues>);
        },
      }),
    [subscribe, trigger, getFieldState],
  );

  const persist = async (input: InfrastructureInput) => {
    setFormError(undefined);
    try {
      const dto = saved
        ? await update.mutateAsync({
            identifier: saved.identifier,
            environment: saved.environment,
            input,
            version: saved.version,
          })
        : await create.mutateAsync(input);
      router.push(infrastructureHref(href, dto.environment.identifier, dto.infrastructureDefinition.identifier));
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      const unplaced = applyServerErrors(form.setError, err);
      const placed = Object.keys(form.formState.errors).length > 0;
      setFormError(
        unplaced.length
          ? `${errorMessage(err)}: ${unplaced.join("; ")}`
          : placed
            ? "The definition was not saved: check the marked fields."
            : errorMessage(err),
      );
    }
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    // Forms in portalled dialogs (connector picker, runtime input editor) bubble their submit here.
    if (e.target !== e.currentTarget) {
      e.preventDefault();
      return;
    }
    void form.handleSubmit(persist, () =>
      setFormError("Some fields need attention before the definition can be saved."),
    )(e);
  };

  const reload = async () => {
    setReloading(true);
    const r = await latest.refetch();
    setReloading(false);
    if (!r.data) return setFormError(errorMessage(r.error));
    form.reset(toFormValues(r.data));
    setSaved({
      identifier: r.data.infrastructureDefinition.identifier,
      environment: r.data.environment.identifier,
      version: r.data.version,
    });
    setConflict(false);
    setFormError(undefined);
  };

  const busy = create.isPending || update.isPending || form.formState.isSubmitting;
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
        {conflict && (
          <VersionConflictAlert what="infrastructure definition" onReload={() => void reload()} reloading={reloading} />
        )}
        {formError && <Alert>{formError}</Alert>}
        <OverviewSection
          scope={scope}
          editing={editing}
          identifierTouched={identifierTouched}
          onIdentifierTouched={() => setIdentifierTouched(true)}
        />
        <TypeSection />
        <ClusterSection scope={scope} />
        <AdvancedSection />
        <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-2 rounded-lg border border-border bg-surface/95 px-4 py-3 backdrop-blur">
          <Button variant="ghost" asChild>
            <Link href={cancelHref}>Cancel</Link>
          </Button>
          <Button type="submit" variant="primary" loading={busy}>
            {editing ? "Save changes" : "Save definition"}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
