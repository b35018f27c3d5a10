kubectl apply -n iam -f gitops-agent.yaml
