import type { Metadata } from "next";
import { DeleteAccountForm } from "./delete-form";
import { buttonClass } from "@/components/ui/button-styles";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Delete account" };

export default async function DeleteAccountPage() {
  const { user } = await requireUser();
  return (
    <>
      <Card title="Download your data" description="Your profile, signed-in devices and security activity, as a JSON file.">
        {/* A GET form: reading changes nothing, and a button works with or without JavaScript. */}
        <form method="get" action="/account/delete/data">
          <button type="submit" className={buttonClass("secondary")}>
            Download my data
          </button>
        </form>
      </Card>
      <Card
        title="Delete your account"
        description={
          <>
            This deletes the account <strong className="break-all">{user.email}</strong> with its devices and security
            activity, and signs you out everywhere. It cannot be undone.
          </>
        }
      >
        <DeleteAccountForm />
      </Card>
    </>
  );
}
