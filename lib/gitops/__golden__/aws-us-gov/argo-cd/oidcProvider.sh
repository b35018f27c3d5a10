eksctl utils associate-iam-oidc-provider --cluster management --region us-gov-west-1 --approve
aws iam list-open-id-connect-providers --region us-gov-west-1 --output text | grep <MANAGEMENT_CLUSTER_OIDC_ID>
