eksctl create iamidentitymapping --cluster testing --region eu-west-1 --arn arn:aws:iam::444455556666:role/Deployer --group system:masters --username deployer
