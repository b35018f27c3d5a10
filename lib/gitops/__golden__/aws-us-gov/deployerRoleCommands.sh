aws iam create-role --role-name Deployer --assume-role-policy-document file://deployer-trust.json --region us-gov-east-1
