import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { devOutbox } from "@/lib/mail";
import { env } from "@/lib/env";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

// Development only: the emails printed to the console, newest first. A 404 in production builds.
export default function DevMailPage() {
  if (process.env.NODE_ENV === "production" || env().SMTP_URL) notFound();
  const messages = devOutbox();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Dev outbox</h1>
        <p className="mt-1 text-sm text-slate-600">Emails the app sent since the dev server started (not persisted).</p>
      </div>
      {messages.length === 0 ? <p className="text-slate-600">No emails yet.</p> : null}
      {messages.map((message, index) => (
        <article key={index} className="rounded-2xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 className="font-semibold text-slate-900">{message.subject}</h2>
          <p className="text-xs text-slate-500">
            To {message.to} · {formatDateTime(message.sentAt)}
          </p>
          <pre className="mt-3 whitespace-pre-wrap break-words text-sm text-slate-800">
            {message.text.split(/(https?:\/\/\S+)/).map((part, i) =>
              /^https?:\/\//.test(part) ? (
                <a key={i} href={part} className="text-indigo-700 underline">
                  {part}
                </a>
              ) : (
                part
              ),
            )}
          </pre>
        </article>
      ))}
    </div>
  );
}
