aws iam create-role --role-name Deployer --assume-role-policy-document file://deployer-trust.json --description "IAM Role to be used by AWS to Deploy in the target cluster" --region us-gov-east-1
