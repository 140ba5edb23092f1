import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmailText } from "@/components/admin/email-text";
import { buttonClass, type Variant } from "@/components/ui/button-styles";
import { requireAdmin } from "@/lib/auth/session";
import { getUserDetail, USER_EVENTS_SHOWN, type UserDetail } from "@/lib/admin/users";
import { ADMIN_ERRORS, ADMIN_NOTICES, type AdminError, type AdminNotice } from "@/lib/admin/messages";
import { describeEvent, describeEventDetail } from "@/lib/audit";
import { hasSecondFactor } from "@/lib/auth/factors";
import { formatDate, formatDateTime } from "@/lib/format";
import { describeUserAgent } from "@/lib/user-agent";
import { IdSchema, param } from "@/lib/validation/admin";
import { AdminActionForm } from "./action-form";
import { CONFIRM_KEYS, type ConfirmKey } from "./confirm-keys";
import {
  deleteUserAction,
  disableUserAction,
  enableUserAction,
  makeAdminAction,
  removeAdminAction,
  resetFactorsAction,
  revokeSessionAction,
  sendPasswordResetAction,
  signOutEverywhereAction,
} from "./actions";

export const metadata: Metadata = { title: "User" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

type ActionSpec = {
  button: string;
  variant: Variant;
  question: (email: string) => ReactNode;
  action: (formData: FormData) => Promise<void>;
  /** Offered in the user's current state. */
  applies: (user: UserDetail["user"], factors: UserDetail["factors"]) => boolean;
};

// Every action asks first. The button is a GET to ?confirm=<action>, and the page answers with
// the question and a "Confirm" form (server-rendered, so it works without JavaScript).
const ACTIONS: Record<ConfirmKey, ActionSpec> = {
  promote: {
    button: "Make admin",
    variant: "secondary",
    question: (email) => <>Make <strong>{email}</strong> an admin? They will be able to manage every user, you included.</>,
    action: makeAdminAction,
    applies: (user) => user.role !== "ADMIN",
  },
  demote: {
    button: "Remove admin",
    variant: "secondary",
    question: (email) => <>Remove the admin role from <strong>{email}</strong>? They lose the admin area on their next request.</>,
    action: removeAdminAction,
    applies: (user) => user.role === "ADMIN",
  },
  disable: {
    button: "Disable",
    variant: "secondary",
    question: (email) => <>Disable <strong>{email}</strong>? Every session of the account ends now, and signing in is refused until it is enabled again.</>,
    action: disableUserAction,
    applies: (user) => !user.disabledAt,
  },
  enable: {
    button: "Enable",
    variant: "secondary",
    question: (email) => <>Enable <strong>{email}</strong>? They will be able to sign in again.</>,
    action: enableUserAction,
    applies: (user) => Boolean(user.disabledAt),
  },
  "sign-out": {
    button: "Sign out everywhere",
    variant: "secondary",
    question: (email) => <>Sign <strong>{email}</strong> out on every device? They can sign in again.</>,
    action: signOutEverywhereAction,
    applies: () => true,
  },
  reset: {
    button: "Send password reset",
    variant: "secondary",
    question: (email) => <>Email <strong>{email}</strong> a link to set a new password? It works once, for 60 minutes.</>,
    action: sendPasswordResetAction,
    applies: (user) => !user.disabledAt,
  },
  factors: {
    button: "Reset two-step sign-in",
    variant: "secondary",
    question: (email) => (
      <>
        Remove every second factor of <strong>{email}</strong>: their authenticator app, passkeys and recovery codes? They can then sign in
        with their password or an emailed link alone, and set two-step sign-in up again. They are told by email.
      </>
    ),
    action: resetFactorsAction,
    applies: (_user, factors) => hasSecondFactor(factors) || factors.recoveryCodesLeft > 0,
  },
  delete: {
    button: "Delete user",
    variant: "danger",
    question: (email) => (
      <>
        Delete <strong>{email}</strong> for good? The account, its sessions and its security activity are deleted; the audit log keeps a
        record of who deleted it. This cannot be undone.
      </>
    ),
    action: deleteUserAction,
    applies: () => true,
  },
};

function isConfirmKey(value: string | undefined): value is ConfirmKey {
  return (CONFIRM_KEYS as readonly string[]).includes(value ?? "");
}

function isNotice(value: string | undefined): value is AdminNotice {
  return value !== undefined && Object.hasOwn(ADMIN_NOTICES, value);
}

function isError(value: string | undefined): value is AdminError {
  return value !== undefined && Object.hasOwn(ADMIN_ERRORS, value);
}

export default async function AdminUserPage({ params, searchParams }: Props) {
  const admin = await requireAdmin();
  const id = IdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const [detail, query] = await Promise.all([getUserDetail(id.data), searchParams]);
  if (!detail) notFound();
  const { user, sessions, events, factors } = detail;
  const self = user.id === admin.userId;
  const pageHref = `/admin/users/${user.id}`;

  const asked = param(query, "confirm");
  const confirming = isConfirmKey(asked) && ACTIONS[asked].applies(user, factors) ? asked : null;
  const done = param(query, "done");
  const notice = isNotice(done) ? ADMIN_NOTICES[done] : null;
  const refused = param(query, "error");
  const error = isError(refused) ? ADMIN_ERRORS[refused] : undefined;

  return (
    <>
      <div>
        <Link href="/admin/users" className="text-sm link">
          <span aria-hidden="true">← </span>All users
        </Link>
        <h1 className="mt-2 break-all text-2xl font-bold tracking-tight text-slate-900">{user.name ?? user.email}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span className="[overflow-wrap:anywhere]">
            <EmailText email={user.email} />
          </span>
          {user.role === "ADMIN" ? <Badge tone="indigo">Admin</Badge> : null}
          {user.disabledAt ? <Badge tone="red">Disabled</Badge> : null}
          {user.emailVerified ? null : <Badge tone="amber">Not confirmed</Badge>}
          {self ? <Badge>You</Badge> : null}
        </div>
      </div>

      {notice ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {error && !confirming ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}

      <Card title="Actions">
        {confirming ? (
          <div id="confirm" className="rounded-xl border border-amber-200 bg-amber-50 p-4 sm:p-5">
            <h3 className="font-semibold text-amber-950">{ACTIONS[confirming].button}</h3>
            <p className="mt-1 text-sm text-amber-950">{ACTIONS[confirming].question(user.email)}</p>
            <div className="mt-4 flex flex-col gap-3 sm:flex-row sm:items-end">
              <AdminActionForm
                action={ACTIONS[confirming].action}
                fields={{ userId: user.id }}
                label="Confirm"
                pendingLabel="Working…"
                variant={confirming === "delete" ? "danger" : "primary"}
                confirmEmail={confirming === "delete" ? user.email : undefined}
                error={refused === "mismatch" ? undefined : error}
                fieldError={refused === "mismatch" ? error : undefined}
                className="w-full max-w-md space-y-4"
              />
            </div>
            <Link href={pageHref} className="mt-3 inline-block text-sm font-medium text-slate-700 underline hover:text-slate-900">
              Cancel
            </Link>
          </div>
        ) : (
          // A GET form: each button asks its question by adding ?confirm=<action> to this page.
          <form method="get" action={`${pageHref}#confirm`} className="flex flex-wrap gap-2">
            {CONFIRM_KEYS
              .filter((key) => ACTIONS[key].applies(user, factors))
              .map((key) => (
                <button
                  key={key}
                  type="submit"
                  name="confirm"
                  value={key}
                  // The one that cannot be undone stands apart from the others.
                  className={buttonClass(ACTIONS[key].variant, key === "delete" ? "sm:ml-auto" : "")}
                >
                  {ACTIONS[key].button}
                </button>
              ))}
          </form>
        )}
      </Card>

      <Card title="Profile">
        <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
          <Item label="Email">
            <span className="[overflow-wrap:anywhere]">
              <EmailText email={user.email} />
            </span>{" "}
            {user.emailVerified ? <Badge tone="green">Confirmed</Badge> : <Badge tone="amber">Not confirmed</Badge>}
          </Item>
          <Item label="Name">{user.name ?? "—"}</Item>
          <Item label="Role">{user.role === "ADMIN" ? "Admin" : "User"}</Item>
          <Item label="Status">{user.disabledAt ? `Disabled since ${formatDateTime(user.disabledAt)}` : "Active"}</Item>
          <Item label="Member since">{formatDate(user.createdAt)}</Item>
          <Item label="Last sign-in">{formatDateTime(user.lastSignInAt)}</Item>
          <Item label="User ID">
            <code className="break-all text-xs text-slate-700">{user.id}</code>
          </Item>
        </dl>
      </Card>

      <Card
        title="Sign-in factors"
        description={
          factors.totp
            ? "Two-step sign-in is on: a password or an emailed link also needs a code from the app."
            : hasSecondFactor(factors)
              ? "Two-step sign-in is off, but their passkeys count as a second factor."
              : "Two-step sign-in is off: a password or an emailed link is enough to sign in."
        }
      >
        <dl aria-label="Sign-in factors" className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
          <Item label="Password">{factors.password ? "Set" : "Not set (emailed sign-in links only)"}</Item>
          <Item label="Authenticator app">
            {factors.totpEnabledAt ? (
              <>
                <Badge tone="green">On</Badge> since {formatDateTime(factors.totpEnabledAt)}
              </>
            ) : (
              "Off"
            )}
          </Item>
          <Item label="Passkeys">{factors.passkeys ? `${factors.passkeys} ${factors.passkeys === 1 ? "passkey" : "passkeys"}` : "None"}</Item>
          <Item label="Recovery codes left">{factors.recoveryCodesLeft ? `${factors.recoveryCodesLeft} unused` : "None"}</Item>
        </dl>
      </Card>

      <Card title="Sessions" description={sessions.length === 0 ? "Not signed in anywhere." : `Signed in on ${sessions.length} ${sessions.length === 1 ? "device" : "devices"}.`}>
        {sessions.length ? (
          <ul className="divide-y divide-slate-100">
            {sessions.map((session) => (
              <li key={session.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="text-sm">
                  <p className="font-medium text-slate-900">{describeUserAgent(session.userAgent).label}</p>
                  <p className="text-slate-600">
                    {session.ip ?? "Unknown IP"} · signed in {formatDateTime(session.createdAt)} · last active {formatDateTime(session.lastActiveAt)}
                    {session.remember ? " · remembered" : ""}
                  </p>
                </div>
                <AdminActionForm
                  action={revokeSessionAction}
                  fields={{ userId: user.id, sessionId: session.id }}
                  label="Revoke"
                  pendingLabel="Revoking…"
                  variant="secondary"
                  className="shrink-0"
                  buttonClassName="!px-3 !py-1.5"
                />
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <Card
        title="Security activity"
        description={
          <>
            Newest first{events.length === USER_EVENTS_SHOWN ? `, the latest ${USER_EVENTS_SHOWN}` : ""}. Admin actions on this account are also in{" "}
            <Link href={`/admin/audit?target=${encodeURIComponent(user.email)}`} className="link">
              the audit log
            </Link>
            .
          </>
        }
      >
        {events.length ? (
          <ol className="divide-y divide-slate-100">
            {events.map((event) => (
              <li key={event.id} className="flex flex-col gap-0.5 py-2 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
                <span className="font-medium text-slate-900">
                  {describeEvent(event.type)}
                  {describeEventDetail(event.type, event.detail) ? (
                    <span className="font-normal text-slate-600"> · {describeEventDetail(event.type, event.detail)}</span>
                  ) : null}
                </span>
                <span className="text-slate-600">
                  {[event.ip, event.userAgent ? describeUserAgent(event.userAgent).label : null].filter(Boolean).join(" · ")}
                  {event.ip || event.userAgent ? " · " : ""}
                  <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm text-slate-600">No activity yet.</p>
        )}
      </Card>
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="field-label">{label}</dt>
      <dd className="field-value">{children}</dd>
    </div>
  );
}
