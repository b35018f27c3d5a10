"use client";
// "New delegate token": a name for the token (and, only to fill in the commands, the delegate's
// name and tags), then the token once with the commands that start a delegate with it.
import { useState } from "react";
import { z } from "zod";
import { useResourceForm } from "@/components/forms/use-resource-form";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { ShownOnceWarning } from "@/components/identity/tokens";
import { useCreateDelegateToken } from "@/lib/delegates/hooks";
import { delegateNameSchema, delegateTagSchema, delegateTokenCreateSchema } from "@/lib/delegates/schemas";
import { FormActions } from "@/components/ui/form-actions";

const formSchema = z.object({
  name: delegateTokenCreateSchema.shape.name,
  delegateName: z.union([z.literal(""), delegateNameSchema]),
  tags: z
    .string()
    .max(2000)
    .refine(
      (s) =>
        s
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean)
          .every((t) => delegateTagSchema.safeParse(t).success),
      "Tags are separated by commas, with no spaces inside a tag",
    ),
});
type FormValues = z.infer<typeof formSchema>;

export interface InstallInput {
  url: string;
  token: string;
  delegateName: string;
  tags: string;
}

const quote = (v: string) => (/^[\w@%+=:,./-]*$/.test(v) ? v : `'${v.replaceAll("'", `'\\''`)}'`);

/** The commands that start a delegate with this token: from a checkout with npm, or in Docker. */
export function installCommands(i: InstallInput): { npm: string; docker: string } {
  const vars: [string, string][] = [
    ["CONDUIT_URL", i.url],
    ["CONDUIT_DELEGATE_TOKEN", i.token],
    ...(i.delegateName ? ([["DELEGATE_NAME", i.delegateName]] as [string, string][]) : []),
    ...(i.tags ? ([["DELEGATE_TAGS", i.tags]] as [string, string][]) : []),
  ];
  return {
    npm: [
      "# In a checkout of Conduit, on the machine whose AWS credentials the delegate uses:",
      ...vars.map(([k, v]) => `export ${k}=${quote(v)}`),
      "npm ci && npm run delegate",
    ].join("\n"),
    docker: [
      "docker build -f Dockerfile.delegate -t conduit-delegate .",
      `docker run -d --name ${i.delegateName || "conduit-delegate"} --restart unless-stopped \\`,
      ...vars.map(([k, v]) => `  -e ${k}=${quote(v)} \\`),
      "  conduit-delegate",
    ].join("\n"),
  };
}

const cleanTags = (s: string) =>
  s
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean)
    .join(",");

export function NewDelegateTokenDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated?: (name: string) => void;
}) {
  const [created, setCreated] = useState<{ token: string; values: FormValues }>();
  const close = () => {
    setCreated(undefined);
    onOpenChange(false);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => (o ? onOpenChange(true) : close())}
      title={created ? "Start a delegate" : "New delegate token"}
      description={
        created
          ? `Token “${created.values.name}” was created.`
          : "A delegate presents it to register and take work. It can do nothing else."
      }
    >
      {open &&
        (created ? (
          <CreatedPanel token={created.token} values={created.values} onDone={close} />
        ) : (
          <NewTokenForm
            onCancel={close}
            onCreated={(token, values) => {
              setCreated({ token, values });
              onCreated?.(values.name);
            }}
          />
        ))}
    </Dialog>
  );
}

function NewTokenForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (token: string, values: FormValues) => void;
}) {
  const create = useCreateDelegateToken();
  const { form, submit, alerts } = useResourceForm({
    schema: formSchema,
    defaultValues: { name: "", delegateName: "", tags: "" },
    fields: ["name", "delegateName", "tags"],
  });
  const { register, formState } = form;
  const save = submit(async (values) => {
    // The value stays in this dialog's state only: out of the mutation cache at once.
    const answer = await create.mutateAsync(values.name).finally(() => create.reset());
    onCreated(answer.token, { ...values, tags: cleanTags(values.tags) });
  });
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="New delegate token" className="flex flex-col gap-4">
      {alerts}
      <Field
        label="Token name"
        required
        error={formState.errors.name?.message}
        hint="Where the delegates using it run, so you know what disconnects when you revoke it: “prod VPC”."
      >
        {(a) => <Input {...a} {...register("name")} autoComplete="off" autoFocus />}
      </Field>
      <Field
        label="Delegate name"
        error={formState.errors.delegateName?.message}
        hint="Optional, for the commands below; the delegate's host name when left empty."
      >
        {(a) => <Input {...a} {...register("delegateName")} autoComplete="off" spellCheck={false} />}
      </Field>
      <Field
        label="Delegate tags"
        error={formState.errors.tags?.message}
        hint="Optional, for the commands below: comma-separated tags connectors select it by, e.g. vpc-prod,eu."
      >
        {(a) => <Input {...a} {...register("tags")} autoComplete="off" spellCheck={false} />}
      </Field>
      <FormActions onCancel={onCancel} pending={formState.isSubmitting} submitLabel="Create token" />
    </form>
  );
}

function CreatedPanel({ token, values, onDone }: { token: string; values: FormValues; onDone: () => void }) {
  const url = typeof window === "undefined" ? "" : window.location.origin;
  const commands = installCommands({ url, token, delegateName: values.delegateName, tags: values.tags });
  return (
    <div className="flex flex-col gap-4">
      <ShownOnceWarning>Keep it where the delegate runs, as a secret of that machine or cluster.</ShownOnceWarning>
      <CodeBlock label="Delegate token" text={token} tall={false} />
      <CodeBlock label="Start it with npm" text={commands.npm} tall={false} />
      <CodeBlock label="Start it in Docker" text={commands.docker} tall={false} />
      <p className="text-sm text-muted">
        The delegate connects out to {url || "Conduit"} and listens on no port. It appears on this page as connected
        within a few seconds.
      </p>
      <div className="flex justify-end">
        <Button variant="primary" onClick={onDone}>
          Done, I have copied it
        </Button>
      </div>
    </div>
  );
}
