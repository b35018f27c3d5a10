kubectl -n gitops describe serviceaccount argocd-application-controller
kubectl -n gitops describe serviceaccount argocd-server
