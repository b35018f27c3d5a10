-- A GitOps agent's flavour decides which service accounts and workloads the setup guide patches
-- and the connection test checks: HARNESS_GITOPS_AGENT (gitops-agent, argocd-application-controller)
-- or ARGO_CD (argocd-application-controller, argocd-server). Agents made before this migration were
-- set up the Argo CD way (the guide patched argocd-server), so they keep it; new agents default to
-- the Harness GitOps agent.
ALTER TABLE "GitopsAgent" ADD COLUMN "flavour" TEXT NOT NULL DEFAULT 'ARGO_CD';
ALTER TABLE "GitopsAgent" ALTER COLUMN "flavour" SET DEFAULT 'HARNESS_GITOPS_AGENT';
