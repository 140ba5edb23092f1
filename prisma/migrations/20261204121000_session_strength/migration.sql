-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "factors" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "reauthenticatedAt" TIMESTAMP(3);
