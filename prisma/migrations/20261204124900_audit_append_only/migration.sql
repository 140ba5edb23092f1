-- The admin audit log is append-only in the database itself, not by convention (ASVS 16.4.2:
-- logs cannot be changed or deleted): any UPDATE, DELETE or TRUNCATE of "AuditLog", from the
-- app's connection or anyone else's, raises. Statement-level triggers, so even a statement that
-- matches no row is refused. Prisma does not model triggers, so the schema diff ignores them.
-- Dropping the schema (npm run db:reset) still removes the table with its triggers.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on "AuditLog" is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditLog_append_only"
  BEFORE UPDATE OR DELETE OR TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
