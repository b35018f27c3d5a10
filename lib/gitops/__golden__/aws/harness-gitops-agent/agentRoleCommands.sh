aws iam create-role --role-name ArgoCD --assume-role-policy-document file://agent-trust.json --description "IAM Role to be used by Harness GitOps agent to gain AWS access"
aws iam put-role-policy --role-name ArgoCD --policy-name AssumeDeployerRole --policy-document file://agent-policy.json
