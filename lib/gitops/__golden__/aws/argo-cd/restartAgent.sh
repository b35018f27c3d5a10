kubectl -n gitops rollout restart deployment/argocd-server
kubectl -n gitops rollout restart statefulset/argocd-application-controller
