// Field shapes of AWS values every contract shares: a region Conduit knows, an IAM role ARN.
import { z } from "zod";
import { DEFAULT_REGION, REGION_CODES, isIamRoleArn } from "./partitions";

const required = (message: string) => ({
  error: (iss: { input?: unknown }) => (iss.input === undefined ? message : undefined),
});

export const regionSchema = z.enum(REGION_CODES, { error: "Choose a region from the list" }).default(DEFAULT_REGION);

export const iamRoleArnSchema = z
  .string(required("Enter the role ARN"))
  .trim()
  .min(1, "Enter the role ARN")
  .refine(isIamRoleArn, "Enter an IAM role ARN like arn:aws:iam::123456789012:role/deployer");
