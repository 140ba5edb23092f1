import type { Metadata } from "next";
import { PasswordForm } from "./password-form";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Change password" };

export default async function PasswordPage() {
  await requireUser();
  return (
    <Card title="Change password" description="Changing your password signs you out on every other device.">
      <PasswordForm />
    </Card>
  );
}
