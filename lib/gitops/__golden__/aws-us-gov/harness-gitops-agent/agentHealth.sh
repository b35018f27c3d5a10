kubectl -n iam rollout status deployment/gitops-agent --timeout=5m
kubectl -n iam rollout status statefulset/argocd-application-controller --timeout=5m
kubectl -n iam get pods
