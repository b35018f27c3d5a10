aws iam create-role --role-name Deployer --path /deploy/ --assume-role-policy-document file://deployer-trust.json
