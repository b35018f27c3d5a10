kubectl -n gitops patch serviceaccount argocd-application-controller --type merge -p '{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":"arn:aws:iam::111122223333:role/ArgoCD"}}}'
kubectl -n gitops patch serviceaccount gitops-agent --type merge -p '{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":"arn:aws:iam::111122223333:role/ArgoCD"}}}'
