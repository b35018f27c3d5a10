eksctl utils associate-iam-oidc-provider --cluster management --region us-east-1 --approve
aws iam list-open-id-connect-providers --output text | grep EXAMPLED539D4633E53DE1B71EXAMPLE
