kubectl -n gitops rollout status deployment/argocd-server --timeout=5m
kubectl -n gitops rollout status statefulset/argocd-application-controller --timeout=5m
kubectl -n gitops get pods
