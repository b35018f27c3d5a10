"use client";
import { RadioCardsField } from "@/components/forms/radio-cards-field";
import { Badge } from "@/components/ui/misc";
import { DEPLOYMENT_TYPES, DEPLOYMENT_TYPE_LABELS } from "@/lib/infrastructures/schemas";
import { useInfraForm } from "../form-model";
import { FormSection } from "./form-section";

const DEPLOYMENT_TEXT = {
  Kubernetes: "Apply Kubernetes manifests (rolling, canary or blue-green).",
  NativeHelm: "Install and upgrade Helm charts as Helm releases.",
} as const;
const soon = <Badge>Not available yet</Badge>;

/** Deployment type, the infrastructure type (EKS only for now) and where the definition is stored. */
export function TypeSection() {
  const { control } = useInfraForm();
  return (
    <FormSection
      id="infrastructure-type"
      title="Infrastructure type"
      description="What deploys here, and on which kind of infrastructure."
    >
      <RadioCardsField
        control={control}
        name="deploymentType"
        legend="Deployment type"
        radioName="deployment-type"
        options={DEPLOYMENT_TYPES.map((t) => ({
          value: t,
          label: DEPLOYMENT_TYPE_LABELS[t],
          description: DEPLOYMENT_TEXT[t],
        }))}
      />
      <RadioCardsField
        control={control}
        name="type"
        legend="Infrastructure type (via cloud provider)"
        radioName="infrastructure-type"
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
      <RadioCardsField
        control={control}
        name="storage"
        legend="How do you want to set up your infrastructure?"
        radioName="storage"
        fallback="Inline"
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
    </FormSection>
  );
}
