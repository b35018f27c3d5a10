kubectl -n iam patch deployment gitops-agent --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
kubectl -n iam patch statefulset argocd-application-controller --type merge -p '{"spec":{"template":{"spec":{"securityContext":{"fsGroup":999}}}}}'
