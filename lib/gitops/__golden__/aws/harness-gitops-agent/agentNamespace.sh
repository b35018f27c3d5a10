kubectl create namespace gitops
