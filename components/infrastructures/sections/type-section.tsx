"use client";
import { Controller } from "react-hook-form";
import { RadioCards } from "@/components/connectors/radio-cards";
import { Badge } from "@/components/ui/misc";
import { DEPLOYMENT_TYPES, DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";
import { errorAt, useInfraForm } from "../form-model";
import { FormSection } from "./form-section";

const DEPLOYMENT_TEXT = {
  Kubernetes: "Apply Kubernetes manifests (rolling, canary or blue-green).",
  NativeHelm: "Install and upgrade Helm charts as Helm releases.",
} as const;
const soon = <Badge>Not available yet</Badge>;

/** Deployment type, the infrastructure type (EKS only for now) and where the definition is stored. */
export function TypeSection() {
  const { control, formState } = useInfraForm();
  const { errors } = formState;
  return (
    <FormSection
      id="infrastructure-type"
      title="Infrastructure type"
      description="What deploys here, and on which kind of infrastructure."
    >
      <Controller
        control={control}
        name="deploymentType"
        render={({ field }) => (
          <RadioCards
            legend="Deployment type"
            name="deployment-type"
            value={field.value}
            onChange={field.onChange}
            error={errorAt(errors, "deploymentType")}
            options={DEPLOYMENT_TYPES.map((t) => ({
              value: t,
              label: DEPLOYMENT_TYPE_LABELS[t],
              description: DEPLOYMENT_TEXT[t],
            }))}
          />
        )}
      />
      <Controller
        control={control}
        name="type"
        render={({ field }) => (
          <RadioCards
            legend="Infrastructure type (via cloud provider)"
            name="infrastructure-type"
            value={field.value}
            onChange={field.onChange}
            error={errorAt(errors, "type")}
            options={[
              {
                value: "KubernetesAws",
                label: "Elastic Kubernetes Service",
                description: "An Amazon EKS cluster, reached through an AWS connector.",
              },
              {
                value: "KubernetesDirect",
                label: "Kubernetes cluster",
                description: "Any cluster, through a Kubernetes connector.",
                badge: soon,
                disabled: true,
              },
            ]}
          />
        )}
      />
      <Controller
        control={control}
        name="storage"
        render={({ field }) => (
          <RadioCards
            legend="How do you want to set up your infrastructure?"
            name="storage"
            value={field.value ?? "Inline"}
            onChange={field.onChange}
            error={errorAt(errors, "storage")}
            options={[
              { value: "Inline", label: "Inline", description: "Stored in Conduit, edited here or as YAML." },
              {
                value: "Remote",
                label: "Remote (Git)",
                description: "Stored as a YAML file in a Git repository.",
                badge: soon,
                disabled: true,
              },
            ]}
          />
        )}
      />
    </FormSection>
  );
}
