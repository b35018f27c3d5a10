kubectl -n iam rollout restart deployment/argocd-server
kubectl -n iam rollout restart statefulset/argocd-application-controller
