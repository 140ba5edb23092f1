import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button-styles";
import { Pagination } from "@/components/admin/pagination";
import { EmailText } from "@/components/admin/email-text";
import { requireAdmin } from "@/lib/auth/session";
import { listUsers, USER_COUNT_CAP, type SortOrder, type UserSort } from "@/lib/admin/users";
import { formatCursor, parseCursor } from "@/lib/admin/keyset";
import { ADMIN_NOTICES, USER_NOT_FOUND } from "@/lib/admin/messages";
import { param, searchText, SEARCH_MAX_LENGTH } from "@/lib/validation/admin";
import { formatDateTime, formatShortDate } from "@/lib/format";

export const metadata: Metadata = { title: "Users" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

type ListState = { q?: string; sort: UserSort; order: SortOrder };

/** The list's URL: defaults left out, so links stay short and shareable. */
function usersHref(state: ListState, page: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort !== "created") params.set("sort", state.sort);
  if (state.order !== "desc") params.set("order", state.order);
  if (page.after) params.set("after", page.after);
  if (page.before) params.set("before", page.before);
  const query = params.toString();
  return query ? `/admin/users?${query}` : "/admin/users";
}

const number = new Intl.NumberFormat("en-GB");

export default async function UsersPage({ searchParams }: Props) {
  await requireAdmin();
  const params = await searchParams;
  const state: ListState = {
    q: searchText(param(params, "q")),
    sort: param(params, "sort") === "signin" ? "signin" : "created",
    order: param(params, "order") === "asc" ? "asc" : "desc",
  };
  const after = parseCursor(param(params, "after"));
  const before = after ? undefined : parseCursor(param(params, "before"));
  const list = await listUsers({ search: state.q, sort: state.sort, order: state.order, after, before });
  const done = param(params, "done");
  const notice = done === "deleted" ? ADMIN_NOTICES.deleted : null;
  const error = param(params, "error") === "not-found" ? USER_NOT_FOUND : null;

  const countText = list.totalCapped
    ? `More than ${number.format(USER_COUNT_CAP)} ${state.q ? "matches" : "users"}`
    : `${number.format(list.total)} ${state.q ? (list.total === 1 ? "match" : "matches") : list.total === 1 ? "user" : "users"}`;

  return (
    <>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Users</h1>
        <p className="mt-1 text-sm text-slate-600" aria-live="polite">
          {countText}
          {state.q ? <> for “{state.q}”</> : null}
        </p>
      </div>
      {notice ? (
        <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <Card>
        {/* A GET form: works without JavaScript, and the URL is the search (bookmarks, back button). */}
        <form method="get" action="/admin/users" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <div className="flex-1 space-y-1.5">
            <label htmlFor="user-search" className="block text-sm font-medium text-slate-800">
              Search users
            </label>
            <input
              id="user-search"
              name="q"
              type="search"
              defaultValue={state.q ?? ""}
              maxLength={SEARCH_MAX_LENGTH}
              placeholder="Part of an email or a name"
              autoComplete="off"
              spellCheck={false}
              className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm outline-none transition focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200 sm:text-sm"
            />
          </div>
          {state.sort !== "created" ? <input type="hidden" name="sort" value={state.sort} /> : null}
          {state.order !== "desc" ? <input type="hidden" name="order" value={state.order} /> : null}
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Search
            </button>
            {state.q ? (
              <Link href={usersHref({ ...state, q: undefined })} className={buttonClass("secondary")}>
                Clear
              </Link>
            ) : null}
          </div>
        </form>

        {/* Small screens hide the sortable columns: the same sort links, as a row. */}
        <nav aria-label="Sort users" className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm sm:hidden">
          <span className="text-slate-500">Sort by</span>
          {(["created", "signin"] as const).map((sort) => {
            const active = state.sort === sort;
            const order: SortOrder = active && state.order === "desc" ? "asc" : "desc";
            return (
              <Link
                key={sort}
                href={usersHref({ ...state, sort, order })}
                aria-current={active ? "true" : undefined}
                className={active ? "font-semibold text-slate-900" : "font-medium text-indigo-700"}
              >
                {sort === "created" ? "Created" : "Last sign-in"}
                {active ? (state.order === "desc" ? " ↓" : " ↑") : ""}
              </Link>
            );
          })}
        </nav>

        {list.rows.length === 0 ? (
          <p className="mt-6 text-sm text-slate-600">
            {after || before ? (
              <>
                No more users here. <Link href={usersHref(state)} className="link">Back to the first page</Link>
              </>
            ) : state.q ? (
              "No user's email or name contains that."
            ) : (
              "No users yet."
            )}
          </p>
        ) : (
          <div className="-mx-6 mt-6 overflow-x-auto sm:-mx-8">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead>
                <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                  <th scope="col" className="px-6 py-2 sm:px-8">Email</th>
                  <th scope="col" className="hidden px-3 py-2 md:table-cell">Name</th>
                  <th scope="col" className="px-3 py-2 pr-6 sm:pr-3">Role</th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">Confirmed</th>
                  <th scope="col" className="hidden px-3 py-2 sm:table-cell">Disabled</th>
                  <SortHeader label="Created" sort="created" state={state} href={usersHref} />
                  <SortHeader label="Last sign-in" sort="signin" state={state} href={usersHref} last />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.rows.map((user) => (
                  <tr key={user.id} className="align-top">
                    <td className="px-6 py-2 sm:px-8">
                      <Link href={`/admin/users/${user.id}`} className="font-medium text-indigo-700 [overflow-wrap:anywhere] hover:underline sm:[overflow-wrap:break-word]">
                        <EmailText email={user.email} />
                      </Link>
                      {/* Small screens: the hidden columns' facts, under the email. */}
                      <span className="mt-0.5 block text-xs text-slate-500 md:hidden">{user.name ?? "No name"}</span>
                      <span className="mt-1 flex flex-wrap gap-1 sm:hidden">
                        {user.emailVerified ? null : <Badge tone="amber">Not confirmed</Badge>}
                        {user.disabledAt ? <Badge tone="red">Disabled</Badge> : null}
                        <span className="text-xs text-slate-500">Joined {formatShortDate(user.createdAt)}</span>
                      </span>
                    </td>
                    <td className="hidden px-3 py-2 text-slate-700 md:table-cell">{user.name ?? "—"}</td>
                    <td className="px-3 py-2 pr-6 sm:pr-3">{user.role === "ADMIN" ? <Badge tone="indigo">Admin</Badge> : "User"}</td>
                    <td className="hidden px-3 py-2 sm:table-cell">{user.emailVerified ? "Yes" : <Badge tone="amber">No</Badge>}</td>
                    <td className="hidden px-3 py-2 sm:table-cell">{user.disabledAt ? <Badge tone="red">Disabled</Badge> : "No"}</td>
                    <td className="hidden whitespace-nowrap px-3 py-2 text-slate-600 sm:table-cell">{formatShortDate(user.createdAt)}</td>
                    <td className="hidden whitespace-nowrap px-3 py-2 pr-6 text-slate-600 sm:table-cell sm:pr-8">
                      {user.lastSignInAt ? (
                        <time dateTime={user.lastSignInAt.toISOString()} title={formatDateTime(user.lastSignInAt)}>
                          {formatShortDate(user.lastSignInAt)}
                        </time>
                      ) : (
                        "Never"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination
          label="Users pages"
          previousHref={list.previous ? usersHref(state, { before: formatCursor(list.previous) }) : null}
          nextHref={list.next ? usersHref(state, { after: formatCursor(list.next) }) : null}
        />
      </Card>
    </>
  );
}

/** A column header that sorts by it: newest first, then oldest first on a second click. */
function SortHeader({
  label,
  sort,
  state,
  href,
  last = false,
}: {
  label: string;
  sort: UserSort;
  state: ListState;
  href: (state: ListState) => string;
  last?: boolean;
}) {
  const active = state.sort === sort;
  const nextOrder: SortOrder = active && state.order === "desc" ? "asc" : "desc";
  return (
    <th
      scope="col"
      aria-sort={active ? (state.order === "desc" ? "descending" : "ascending") : undefined}
      className={`hidden whitespace-nowrap px-3 py-2 sm:table-cell ${last ? "pr-6 sm:pr-8" : ""}`}
    >
      <Link href={href({ ...state, sort, order: nextOrder })} className={`hover:text-slate-900 ${active ? "text-slate-900" : ""}`}>
        {label}
        <span aria-hidden="true">{active ? (state.order === "desc" ? " ↓" : " ↑") : ""}</span>
        <span className="sr-only">{nextOrder === "desc" ? ", sort newest first" : ", sort oldest first"}</span>
      </Link>
    </th>
  );
}
