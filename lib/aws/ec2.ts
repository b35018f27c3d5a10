// ec2:DescribeRegions: required for every connector (the console lists regions with it).
import "server-only";
import { DescribeRegionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { clientConfig, type CallOptions } from "./clients";

export async function describeRegions(o: CallOptions): Promise<{ regions: string[]; requestId?: string }> {
  const client = new EC2Client(clientConfig(o));
  try {
    const out = await client.send(new DescribeRegionsCommand({}), { abortSignal: o.signal });
    return {
      regions: (out.Regions ?? [])
        .map((r) => r.RegionName ?? "")
        .filter(Boolean)
        .sort(),
      requestId: out.$metadata.requestId,
    };
  } finally {
    client.destroy();
  }
}
