kubectl -n iam rollout status deployment/argocd-server --timeout=5m
kubectl -n iam rollout status statefulset/argocd-application-controller --timeout=5m
kubectl -n iam get pods
