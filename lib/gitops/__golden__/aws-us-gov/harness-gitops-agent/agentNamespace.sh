kubectl create namespace iam
