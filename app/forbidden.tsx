import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md text-center">
      <p className="text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">Access forbidden</h1>
      <p className="mt-2 text-slate-600">Your account does not have access to this page.</p>
      <Link href="/account" className="mt-6 inline-block text-sm font-semibold text-indigo-700 hover:underline">
        Go to your account
      </Link>
    </div>
  );
}
