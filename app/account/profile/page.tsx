import type { Metadata } from "next";
import { EmailForm, NameForm } from "./profile-forms";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const { user } = await requireUser();
  return (
    <>
      <Card title="Your name">
        <NameForm name={user.name ?? ""} />
      </Card>
      <Card
        title="Email address"
        description={
          <>
            Now: <strong className="break-all">{user.email}</strong>. The change happens when you follow the link we send
            to the new address; we&apos;ll also tell this one.
          </>
        }
      >
        <EmailForm />
      </Card>
    </>
  );
}
