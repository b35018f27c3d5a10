aws eks create-access-entry --cluster-name testing --region eu-west-1 --principal-arn arn:aws:iam::444455556666:role/Deployer --type STANDARD --username deployer
aws eks associate-access-policy --cluster-name testing --region eu-west-1 --principal-arn arn:aws:iam::444455556666:role/Deployer --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy --access-scope type=cluster
