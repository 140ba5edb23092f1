export async function PasskeysSection(_props: { userId: string }) {
  return <p className="text-sm text-slate-600">No passkeys yet.</p>;
}
