kubectl -n iam describe serviceaccount argocd-application-controller
kubectl -n iam describe serviceaccount argocd-server
