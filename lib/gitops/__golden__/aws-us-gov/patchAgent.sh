kubectl -n iam patch serviceaccount argocd-application-controller --type merge -p '{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":"arn:aws-us-gov:iam::123456789012:role/ArgoCD"}}}'
kubectl -n iam patch serviceaccount argocd-server --type merge -p '{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":"arn:aws-us-gov:iam::123456789012:role/ArgoCD"}}}'
kubectl -n iam patch statefulset argocd-application-controller --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
kubectl -n iam patch deployment argocd-server --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
