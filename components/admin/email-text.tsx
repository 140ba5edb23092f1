/**
 * An email address that may wrap before its "@" (and nowhere else unless it must), so a long
 * address breaks where a reader expects rather than mid-word.
 */
export function EmailText({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at <= 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}
