import type { ReactNode } from "react";

export function Card({ title, description, children }: { title?: string; description?: ReactNode; children: ReactNode }) {
  return (
    <section className="card">
      {title ? <h2 className="card-title">{title}</h2> : null}
      {description ? <div className="card-description">{description}</div> : null}
      <div className={title || description ? "mt-6" : undefined}>{children}</div>
    </section>
  );
}

/** The narrow centred column used by the sign-in pages. */
export function AuthShell({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto w-full max-w-md">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
      {subtitle ? <p className="mt-2 text-sm text-slate-600">{subtitle}</p> : null}
      <div className="mt-6 card">{children}</div>
    </div>
  );
}
