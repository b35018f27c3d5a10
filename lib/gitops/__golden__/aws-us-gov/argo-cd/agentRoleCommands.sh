aws iam create-role --role-name ArgoCD --assume-role-policy-document file://agent-trust.json --description "IAM Role to be used by Argo CD to gain AWS access" --region us-gov-west-1
aws iam put-role-policy --role-name ArgoCD --policy-name AssumeDeployerRole --policy-document file://agent-policy.json --region us-gov-west-1
