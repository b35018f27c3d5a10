eksctl create iamidentitymapping --cluster testing --region us-gov-east-1 --arn arn:aws-us-gov:iam::123456789012:role/Deployer --group system:masters --username deployer
