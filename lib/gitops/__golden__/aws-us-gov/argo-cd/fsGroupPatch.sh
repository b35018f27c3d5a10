kubectl -n iam patch deployment argocd-server --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
kubectl -n iam patch statefulset argocd-application-controller --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
