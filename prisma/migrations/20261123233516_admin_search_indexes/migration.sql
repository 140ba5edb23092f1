-- Admin area at 100,000+ users (issue 5). Written from the engine's diff, plus the extension:
-- the schema declares the trigram indexes (@@index(..., type: Gin, ops: raw("gin_trgm_ops")))
-- but not the extension itself, which needs Prisma's `postgresqlExtensions` preview feature.
-- pg_trgm ships with PostgreSQL's contrib (Debian, RDS, Cloud SQL, Neon, Supabase allow it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- DropIndex
DROP INDEX "User_createdAt_idx";

-- DropIndex
DROP INDEX "User_lastSignInAt_idx";

-- CreateIndex
CREATE INDEX "AuditLog_actorEmail_createdAt_idx" ON "AuditLog"("actorEmail", "createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_targetEmail_createdAt_idx" ON "AuditLog"("targetEmail", "createdAt");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");

-- CreateIndex
CREATE INDEX "User_lastSignInAt_id_idx" ON "User"("lastSignInAt", "id");

-- CreateIndex
CREATE INDEX "User_email_trgm_idx" ON "User" USING GIN ("email" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "User_name_trgm_idx" ON "User" USING GIN ("name" gin_trgm_ops);
