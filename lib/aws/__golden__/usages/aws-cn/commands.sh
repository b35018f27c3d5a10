# user
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json --region cn-north-1
aws iam attach-user-policy --user-name conduit --policy-arn arn:aws-cn:iam::210987654321:policy/ConduitConnector --region cn-north-1
# role, names not known yet
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json --region cn-north-1
aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws-cn:iam::<account-id>:policy/ConduitConnector --region cn-north-1
