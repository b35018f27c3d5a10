import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/misc";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ProfileSummary } from "./_components/profile-summary";

export const metadata: Metadata = { title: "Profile & password" };

export default function ProfilePage() {
  return (
    <>
      <PageHeader title="Profile & password" description="Who you are signed in as, your roles, and your password." />
      <div className="grid max-w-5xl gap-6 lg:grid-cols-2 lg:items-start">
        <ProfileSummary />
        <ChangePasswordForm />
      </div>
    </>
  );
}
