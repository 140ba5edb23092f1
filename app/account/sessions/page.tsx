import type { Metadata } from "next";
import { DevicesList, type DeviceRow } from "./devices-list";
import { Card } from "@/components/ui/card";
import { listDevices } from "@/lib/auth/devices";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Devices" };

export default async function SessionsPage() {
  const session = await requireUser();
  const devices = await listDevices(session.userId, session.id);
  // Dates are formatted here, on the server, so every client shows the same UTC times.
  const rows: DeviceRow[] = devices.map((device) => ({
    id: device.id,
    label: device.label,
    userAgent: device.userAgent,
    ip: device.ip,
    method: device.method,
    current: device.current,
    signedIn: { text: formatDateTime(device.signedInAt), iso: device.signedInAt.toISOString() },
    lastActive: { text: device.current ? "Now" : formatDateTime(device.lastActiveAt), iso: device.lastActiveAt.toISOString() },
  }));
  return (
    <Card
      title="Devices"
      description="Everywhere you are signed in. If you don't recognise a device, sign it out and change your password."
    >
      <DevicesList devices={rows} />
    </Card>
  );
}
