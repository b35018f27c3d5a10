kubectl apply -n iam -f https://raw.githubusercontent.com/argoproj/argo-cd/stable/manifests/install.yaml
