kubectl -n gitops patch deployment argocd-server --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
kubectl -n gitops patch statefulset argocd-application-controller --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
