import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Page not found</h1>
      <p className="mt-2 text-slate-600">There is no page at this address.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-semibold text-indigo-700 hover:underline">
        Back to the home page
      </Link>
    </div>
  );
}
