kubectl apply -n gitops -f gitops-agent.yaml
