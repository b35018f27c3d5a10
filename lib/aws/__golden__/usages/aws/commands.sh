# user
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json
aws iam attach-user-policy --user-name conduit --policy-arn arn:aws:iam::111122223333:policy/ConduitConnector
# role, names not known yet
aws iam create-policy --policy-name ConduitConnector --policy-document file://conduit-connector-policy.json
aws iam attach-role-policy --role-name <role-name> --policy-arn arn:aws:iam::<account-id>:policy/ConduitConnector
