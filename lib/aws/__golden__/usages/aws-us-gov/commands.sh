# user
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json --region us-gov-west-1
aws iam attach-user-policy --user-name conduit --policy-arn arn:aws-us-gov:iam::123456789012:policy/ConduitConnector --region us-gov-west-1
# role, names not known yet
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json --region us-gov-west-1
aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws-us-gov:iam::<account-id>:policy/ConduitConnector --region us-gov-west-1
