-- AlterTable
ALTER TABLE "Brief" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "currentSha" TEXT,
ADD COLUMN     "draftSha" TEXT,
ADD COLUMN     "metadata" TEXT NOT NULL DEFAULT '{}',
ADD COLUMN     "seedHash" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'published';

-- AlterTable
ALTER TABLE "BriefRevision" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "fileId" TEXT,
ADD COLUMN     "format" TEXT NOT NULL DEFAULT 'brief',
ADD COLUMN     "layout" TEXT,
ADD COLUMN     "problems" TEXT NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "BriefFile" (
    "id" TEXT NOT NULL,
    "briefSlug" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BriefFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentVersion" (
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentVersion_pkey" PRIMARY KEY ("scope")
);

-- CreateIndex
CREATE UNIQUE INDEX "BriefFile_briefSlug_sha256_key" ON "BriefFile"("briefSlug", "sha256");

-- AddForeignKey
ALTER TABLE "BriefFile" ADD CONSTRAINT "BriefFile_briefSlug_fkey" FOREIGN KEY ("briefSlug") REFERENCES "Brief"("slug") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: a brief recorded before this migration is read at its newest revision until the seed
-- import (npm start) or an upload names the current one.
UPDATE "Brief" SET "currentSha" = (
  SELECT "sha256" FROM "BriefRevision" WHERE "BriefRevision"."briefSlug" = "Brief"."slug" ORDER BY "createdAt" DESC LIMIT 1
);
