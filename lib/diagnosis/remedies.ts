// Policies and commands that fix common failures; pure, shared by every diagnosis.
export function describeRegionsPolicy(): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [{ Sid: "ConduitDescribeRegions", Effect: "Allow", Action: "ec2:DescribeRegions", Resource: "*" }],
  };
}

export function trustPolicyFor(callerArn: string | undefined, externalId: string | undefined): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: callerArn || "arn:aws:iam::<account of the connector's credentials>:root" },
        Action: "sts:AssumeRole",
        ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
      },
    ],
  };
}

/** An access entry for `principalArn` (EKS's current way to grant cluster access). */
export const accessEntryCommand = (clusterName: string, principalArn: string) =>
  `aws eks create-access-entry --cluster-name ${clusterName} --principal-arn ${principalArn}`;
