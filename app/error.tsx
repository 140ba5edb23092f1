"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md text-center">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-slate-600">Please try again. If it keeps happening, come back in a few minutes.</p>
      <button type="button" onClick={reset} className="mt-6 text-sm font-semibold text-indigo-700 hover:underline">
        Try again
      </button>
    </div>
  );
}
