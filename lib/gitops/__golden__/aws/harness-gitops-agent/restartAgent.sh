kubectl -n gitops rollout restart deployment/gitops-agent
kubectl -n gitops rollout restart statefulset/argocd-application-controller
