"use client";

import { useActionState } from "react";
import { signOutDeviceAction, signOutOtherDevicesAction } from "./actions";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/forms";

type Time = { text: string; iso: string };

export type DeviceRow = {
  id: string;
  label: string;
  userAgent: string | null;
  ip: string | null;
  method: string | null;
  current: boolean;
  signedIn: Time;
  lastActive: Time;
};

/**
 * The devices with their "Sign out" buttons. One client component for the whole list, so the
 * answer to a row's button stays on screen after that row is gone. Plain forms: they also work
 * without JavaScript.
 */
export function DevicesList({ devices }: { devices: DeviceRow[] }) {
  const [deviceState, signOutDevice] = useActionState(signOutDeviceAction, initialFormState);
  const [othersState, signOutOthers] = useActionState(signOutOtherDevicesAction, initialFormState);
  const others = devices.filter((device) => !device.current).length;
  return (
    <div className="space-y-6">
      <div className="space-y-3 empty:hidden">
        <FormMessage state={deviceState} />
        <FormMessage state={othersState} />
      </div>
      <ul aria-label="Signed-in devices" className="divide-y divide-slate-200 rounded-xl border border-slate-200">
        {devices.map((device) => (
          <li key={device.id} className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:gap-x-6 sm:p-5">
            <p className="flex flex-wrap items-center gap-2">
              <span id={`device-${device.id}`} title={device.userAgent ?? undefined} className="font-medium text-slate-900">
                {device.label}
              </span>
              {device.current ? (
                <span className="inline-flex rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">This device</span>
              ) : null}
            </p>
            {device.current ? null : (
              <form action={signOutDevice} className="order-last sm:order-none sm:col-start-2 sm:row-start-1">
                <input type="hidden" name="sessionId" value={device.id} />
                <SubmitButton variant="secondary" aria-describedby={`device-${device.id}`} pendingLabel="Signing out…" className="w-full sm:w-auto">
                  Sign out
                </SubmitButton>
              </form>
            )}
            <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 sm:gap-x-8 gap-y-1.5 text-sm sm:col-span-2">
              <dt className="text-slate-500">IP address</dt>
              <dd className="break-all text-slate-900">{device.ip || "Unknown"}</dd>
              <dt className="text-slate-500">How</dt>
              <dd className="text-slate-900">{device.method ?? "Unknown"}</dd>
              <dt className="text-slate-500">Signed in</dt>
              <dd className="text-slate-900">
                <time dateTime={device.signedIn.iso}>{device.signedIn.text}</time>
              </dd>
              <dt className="text-slate-500">Last active</dt>
              <dd className="text-slate-900">
                <time dateTime={device.lastActive.iso}>{device.lastActive.text}</time>
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form action={signOutOthers} className="flex flex-col gap-3 border-t border-slate-200 pt-6 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">
            Signs out {others === 1 ? "the other device" : `the ${others} other devices`}; you stay signed in here.
          </p>
          <SubmitButton variant="danger" pendingLabel="Signing out…" className="shrink-0">
            Sign out other devices
          </SubmitButton>
        </form>
      ) : (
        <p className="text-sm text-slate-600">You are signed in on this device only. To sign out here, use Sign out at the top of the page.</p>
      )}
    </div>
  );
}
