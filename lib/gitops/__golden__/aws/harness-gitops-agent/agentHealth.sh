kubectl -n gitops rollout status deployment/gitops-agent --timeout=5m
kubectl -n gitops rollout status statefulset/argocd-application-controller --timeout=5m
kubectl -n gitops get pods
