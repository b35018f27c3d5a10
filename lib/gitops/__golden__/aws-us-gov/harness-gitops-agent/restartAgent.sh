kubectl -n iam rollout restart deployment/gitops-agent
kubectl -n iam rollout restart statefulset/argocd-application-controller
