import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers } from "@/lib/admin/users";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Admin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(typeof params.page === "string" ? params.page : "1", 10) || 1);
  const { users, total, pages } = await listUsers(page);
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Admin area</h1>
        <p className="mt-1 text-sm text-slate-600">{total} {total === 1 ? "user" : "users"}</p>
      </div>
      <Card title="Users">
        <div className="-mx-6 overflow-x-auto sm:-mx-8">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead>
              <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                <th scope="col" className="px-6 py-2 sm:px-8">Email</th>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Role</th>
                <th scope="col" className="px-3 py-2">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((user) => (
                <tr key={user.id}>
                  <td className="break-all px-6 py-2 text-slate-900 sm:px-8">{user.email}</td>
                  <td className="px-3 py-2 text-slate-700">{user.name ?? "—"}</td>
                  <td className="px-3 py-2">{user.role === "ADMIN" ? "Admin" : "User"}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatDate(user.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
          {page > 1 ? <Link href={`/admin?page=${page - 1}`} className="font-medium text-indigo-700 hover:underline">Previous</Link> : <span />}
          <span className="text-slate-500">Page {page} of {pages}</span>
          {page < pages ? <Link href={`/admin?page=${page + 1}`} className="font-medium text-indigo-700 hover:underline">Next</Link> : <span />}
        </nav>
      </Card>
    </>
  );
}
