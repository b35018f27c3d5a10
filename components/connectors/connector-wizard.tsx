"use client";
// Create and edit AWS connectors in six steps with ONE react-hook-form validated by the API's
// own zod contract: overview, credentials, permissions (the intended uses and the policy they
// need), backoff, delegates, test. Each step checks only its own fields; the delegates step saves
// (POST, then PUT with the version it holds), and the last step tests the saved connector. The
// step lives in the URL (`?step=`, so Back/Forward move between steps); a new connector's draft is
// kept in the browser as it is typed and restored after a reload; leaving with unsaved changes
// asks first.
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { FormProvider, useForm, type Path, type Resolver } from "react-hook-form";
import { Alert, PageHeader } from "@/components/ui/misc";
import { Stepper } from "@/components/ui/stepper";
import type { ConnectorDto } from "@/lib/connectors/dto";
import { useCreateConnector, useUpdateConnector } from "@/lib/connectors/hooks";
import { defaultConnectorInput } from "@/lib/connectors/defaults";
import type { ConnectorFormValues, ConnectorInput } from "@/lib/connectors/schemas";
import { errorMessage } from "@/lib/http/client";
import { useScope } from "@/lib/scopes/hooks";
import type { DelegateMode } from "./steps/delegates-step";
import { OverviewStep } from "./steps/overview-step";
// Later steps, the test, the conflict notice and zod (the resolver) load when needed, not with the page.
import {
  BackoffStep,
  ConnectionTestRunner,
  CredentialsStep,
  DelegatesStep,
  LatestConnector,
  UsageStep,
  VersionConflictAlert,
} from "./lazy-steps";
import { useRecheckErrors } from "@/components/forms/recheck-errors";
import { SecretCreatedContext } from "@/components/forms/created-secrets";
import { CreatedSecretsList, DiscardDraftDialog, DraftNotice } from "@/components/forms/draft-ui";
import { draftKey } from "@/components/forms/drafts";
import { useFormDraft } from "@/components/forms/use-form-draft";
import { allowedStep, stepIndexOf, withStep } from "./wizard-url";
import { isVersionConflict } from "@/components/forms/version-conflict-error";
import { WizardFooter } from "./wizard-footer";
import {
  StashContext,
  TEST_STEP,
  WIZARD_STEPS,
  applyServerErrors,
  firstStepWithError,
  toFormValues,
  WizardStash,
} from "./wizard-model";

const STEP_TEXT = [
  { title: "Name the connector", text: "How people, pipelines and infrastructure definitions find this connector." },
  {
    title: "How Conduit signs in to AWS",
    text: "Choose where credentials come from, the region the test calls, and an optional role to assume.",
  },
  {
    title: "What the connector is for",
    text: "Choose its uses: Conduit shows the least-privilege policy they need and Test connection checks exactly those permissions.",
  },
  {
    title: "How AWS calls are retried",
    text: "Retries apply to throttling and transient errors only. All delays are in milliseconds.",
  },
  {
    title: "Where connections run from",
    text: "Delegates are the runners that make the AWS calls for this connector.",
  },
  { title: "Test the connection", text: "The connector is saved. Check that Conduit can reach AWS with it." },
] as const;

/** The API's zod contract, imported with the first check (Next, Save) rather than with the page. */
const resolver: Resolver<ConnectorFormValues, unknown, ConnectorInput> = async (values, context, options) =>
  (await import("./connector-resolver")).connectorResolver(values, context, options);

const modeOf = (v: { spec: { delegateSelectors?: string[] } }): DelegateMode =>
  v.spec.delegateSelectors?.length ? "tags" : "any";
type Saved = { identifier: string; version: number };
/** What a new connector's draft keeps besides the values (never a secret's value: refs only). */
type WizardProgress = { reached: number; identifierTouched: boolean; delegateMode: DelegateMode };
const DRAFT_FORMAT = 2;

const LEAVE_MESSAGE = "Leave this page? The connector is not saved yet (its draft stays in this browser).";
const LEAVE_EDIT_MESSAGE = "Leave this page? Your changes to the connector are not saved.";

export function ConnectorWizard({ connector }: { connector?: ConnectorDto }) {
  const { org, project, href } = useScope();
  const scope = useMemo(() => ({ org, project }), [org, project]);
  const editing = Boolean(connector);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const urlStep = searchParams.get("step");
  const initialValues = useMemo(
    () => (connector ? toFormValues(connector) : defaultConnectorInput()),
    // The values the wizard opened with; a reload after a conflict sets a new baseline itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const form = useForm<ConnectorFormValues, unknown, ConnectorInput>({
    resolver,
    defaultValues: initialValues,
    // Errors appear when a step is checked (Next/Save), never on blur: a message popping up on
    // blur shifts the layout under the pointer and swallows the click on Next.
    mode: "onSubmit",
  });
  const [stash, setStash] = useState(() => new WizardStash());
  const [step, setStep] = useState(() => (connector ? allowedStep(stepIndexOf(urlStep), 0, true) : 0));
  // Edit mode starts from a valid connector, so every step before the test is open.
  const [reached, setReached] = useState(connector ? TEST_STEP - 1 : 0);
  const [saved, setSaved] = useState<Saved | null>(
    connector ? { identifier: connector.connector.identifier, version: connector.version } : null,
  );
  const [identifierTouched, setIdentifierTouched] = useState(false);
  const [delegateMode, setDelegateMode] = useState<DelegateMode>(connector ? modeOf(connector.connector) : "any");
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const lastSavedBody = useRef<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const create = useCreateConnector(scope);
  const update = useUpdateConnector(scope);
  useRecheckErrors(form);
  const busy = create.isPending || update.isPending || form.formState.isSubmitting;
  // Drafts: only a new connector has one, kept until it is saved or discarded.
  const progress = useMemo<WizardProgress>(
    () => ({ reached, identifierTouched, delegateMode }),
    [reached, identifierTouched, delegateMode],
  );
  const draft = useFormDraft({
    form,
    draftKey: editing ? null : draftKey("connector", scope),
    format: DRAFT_FORMAT,
    extra: progress,
    onRestore: (p) => {
      setReached(p.reached);
      setIdentifierTouched(p.identifierTouched);
      setDelegateMode(p.delegateMode);
    },
    leaveMessage: editing ? LEAVE_EDIT_MESSAGE : LEAVE_MESSAGE,
    busy,
  });
  const { ready, restored, dirty, createdSecrets } = draft;

  const focusHeading = () => requestAnimationFrame(() => heading.current?.focus());
  const show = (i: number) => {
    setStep(i);
    setReached((r) => Math.max(r, i));
    // One history entry per step, so browser Back/Forward move between steps.
    if (stepIndexOf(urlStep) !== i) router.push(withStep(pathname, searchParams.toString(), i), { scroll: false });
    // Move focus to the new step's heading so screen readers announce where the user is.
    focusHeading();
  };

  // The URL says which step to show (a reload, Back/Forward); never one not yet reached.
  useEffect(() => {
    if (!ready) return;
    const target = allowedStep(stepIndexOf(urlStep), reached, saved !== null);
    // The URL (Back/Forward, a reload) is the external system here.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStep((current) => {
      if (current !== target) focusHeading();
      return target;
    });
    if (urlStep !== null && stepIndexOf(urlStep) !== target) {
      router.replace(withStep(pathname, searchParams.toString(), target), { scroll: false });
    }
    // Only the URL and the draft's arrival move the step here; show() moves it otherwise.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [urlStep, ready]);

  const discardDraft = () => {
    draft.discard(defaultConnectorInput());
    setReached(0);
    setIdentifierTouched(false);
    setDelegateMode("any");
    setDiscarding(false);
    setFormError(undefined);
    setStep(0);
    router.replace(pathname + (searchParams.toString() ? `?${withoutStep(searchParams)}` : ""), { scroll: false });
  };

  const validateStep = async (i: number): Promise<boolean> => {
    const fields = WIZARD_STEPS[i]?.fields ?? [];
    if (!fields.length) return true;
    const ok = await form.trigger([...fields] as Path<ConnectorFormValues>[], { shouldFocus: true });
    if (
      WIZARD_STEPS[i]?.id === "delegates" &&
      delegateMode === "tags" &&
      !form.getValues("spec.delegateSelectors")?.length
    ) {
      form.setError("spec.delegateSelectors", {
        type: "manual",
        message: "Add at least one delegate tag, or connect through any available delegate",
      });
      return false;
    }
    return ok;
  };

  const go = async (target: number) => {
    setFormError(undefined);
    for (let i = step; i < target; i++) {
      if (!(await validateStep(i))) {
        if (i !== step) show(i);
        return;
      }
    }
    show(target);
  };

  const persist = async (input: ConnectorInput) => {
    const body = JSON.stringify(input);
    // Nothing changed since the last save: do not create a new version for nothing.
    if (saved && lastSavedBody.current === body) return show(TEST_STEP);
    try {
      const dto = saved
        ? await update.mutateAsync({ identifier: saved.identifier, input, version: saved.version })
        : await create.mutateAsync(input);
      setSaved({ identifier: dto.connector.identifier, version: dto.version });
      lastSavedBody.current = body;
      draft.markSaved();
      setConflict(false);
      setStep(TEST_STEP);
      setReached(TEST_STEP);
      focusHeading();
      // The connector exists now: the URL becomes its own (its edit wizard at the test step), so
      // a reload shows the saved connector. history.replaceState keeps this page mounted; Next
      // syncs its router with it.
      const own = `/connectors/${encodeURIComponent(dto.connector.identifier)}/edit`;
      const here = new URLSearchParams(searchParams.toString());
      window.history.replaceState(null, "", withStep(own, here, TEST_STEP));
    } catch (err) {
      if (isVersionConflict(err)) return setConflict(true);
      const { step: owner, message } = applyServerErrors(form, err);
      if (owner !== undefined && owner !== step) show(owner);
      setFormError(message ?? "The connector was not saved: check the marked fields.");
    }
  };

  const save = async () => {
    setFormError(undefined);
    if (step < TEST_STEP && !(await validateStep(step))) return;
    await form.handleSubmit(persist, (errors) => {
      const owner = firstStepWithError(errors);
      if (owner !== undefined && owner !== step) show(owner);
      setFormError("Some fields need attention before the connector can be saved.");
    })();
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // Forms in portalled dialogs (create secret) bubble their submit through React to here.
    if (e.target !== e.currentTarget || busy) return;
    void (step >= TEST_STEP - 1 ? save() : go(step + 1));
  };

  const reloaded = (dto: ConnectorDto) => {
    form.reset(toFormValues(dto));
    draft.rebase();
    setStash(new WizardStash());
    setSaved({ identifier: dto.connector.identifier, version: dto.version });
    setDelegateMode(modeOf(dto.connector));
    lastSavedBody.current = null;
    setConflict(false);
    setReloading(false);
    setFormError(undefined);
  };

  const detailsHref = saved ? href(`/connectors/${encodeURIComponent(saved.identifier)}`) : href("/connectors");
  const text = STEP_TEXT[step]!;
  const stepId = WIZARD_STEPS[step]?.id;

  return (
    <FormProvider {...form}>
      <SecretCreatedContext.Provider value={draft.onSecretCreated}>
        <StashContext.Provider value={stash}>
          <PageHeader
            title={editing ? `Edit ${connector!.connector.name}` : "New AWS connector"}
            description={
              editing ? (
                <span className="font-mono">{connector!.connector.identifier}</span>
              ) : (
                "Credentials and settings Conduit uses to reach one AWS account."
              )
            }
          />
          <Stepper
            steps={WIZARD_STEPS}
            current={step}
            // Once saved (or when editing), every step before the test holds valid values.
            isComplete={(i) => i < reached || (saved !== null && i < TEST_STEP)}
            canSelect={(i) => !busy && i <= reached}
            onSelect={(i) => void (i === TEST_STEP ? save() : go(i))}
            label="Connector setup steps"
          />
          {restored && !saved && (
            <DraftNotice onDiscard={() => (createdSecrets.length ? setDiscarding(true) : discardDraft())} />
          )}
          <form
            onSubmit={onSubmit}
            noValidate
            className="mt-5 rounded-lg border border-border bg-surface"
            aria-labelledby="wizard-step-title"
          >
            <div className="border-b border-border px-6 py-4">
              <p className="text-xs font-medium uppercase tracking-wide text-muted">
                Step {step + 1} of {WIZARD_STEPS.length}
              </p>
              <h2
                id="wizard-step-title"
                ref={heading}
                tabIndex={-1}
                className="mt-0.5 text-lg font-semibold focus-visible:outline-offset-4"
              >
                {text.title}
              </h2>
              <p className="mt-0.5 text-sm text-muted">{text.text}</p>
            </div>
            <div className="flex flex-col gap-5 px-6 py-5">
              {conflict && <VersionConflictAlert onReload={() => setReloading(true)} reloading={reloading} />}
              {formError && <Alert>{formError}</Alert>}
              {step === 0 && (
                <OverviewStep
                  identifierLocked={saved !== null}
                  identifierTouched={identifierTouched}
                  onIdentifierTouched={() => setIdentifierTouched(true)}
                />
              )}
              {stepId === "credentials" && <CredentialsStep scope={scope} />}
              {stepId === "usage" && <UsageStep scope={scope} />}
              {stepId === "backoff" && <BackoffStep />}
              {stepId === "delegates" && (
                <DelegatesStep scope={scope} mode={delegateMode} onModeChange={setDelegateMode} />
              )}
              {step === TEST_STEP && saved && (
                <ConnectionTestRunner scope={scope} identifier={saved.identifier} autoStart />
              )}
              {step >= TEST_STEP - 1 && (
                <CreatedSecretsList
                  secrets={createdSecrets}
                  saved={saved !== null}
                  place="this wizard"
                  what="connector"
                />
              )}
            </div>
            <WizardFooter
              step={step}
              editing={editing}
              busy={busy}
              cancelHref={editing ? detailsHref : href("/connectors")}
              finishHref={detailsHref}
              onBack={() => show(step - 1)}
              onDiscard={
                !editing && !saved && (dirty || createdSecrets.length > 0) ? () => setDiscarding(true) : undefined
              }
              onSave={() => void save()}
            />
          </form>
          {reloading && saved && (
            <LatestConnector
              scope={scope}
              identifier={saved.identifier}
              onLoaded={reloaded}
              onError={(err) => {
                setReloading(false);
                setFormError(errorMessage(err));
              }}
            />
          )}
          <DiscardDraftDialog
            open={discarding}
            onOpenChange={setDiscarding}
            what="connector"
            place="this wizard"
            secrets={createdSecrets}
            onDiscarded={discardDraft}
          />
        </StashContext.Provider>
      </SecretCreatedContext.Provider>
    </FormProvider>
  );
}

function withoutStep(params: URLSearchParams): string {
  const rest = new URLSearchParams(params.toString());
  rest.delete("step");
  return rest.toString();
}
