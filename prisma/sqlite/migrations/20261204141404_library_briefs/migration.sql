-- CreateTable
CREATE TABLE "BriefFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefSlug" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BriefFile_briefSlug_fkey" FOREIGN KEY ("briefSlug") REFERENCES "Brief" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContentVersion" (
    "scope" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Brief" (
    "slug" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL DEFAULT 'published',
    "title" TEXT NOT NULL,
    "byline" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "metadata" TEXT NOT NULL DEFAULT '{}',
    "currentSha" TEXT,
    "draftSha" TEXT,
    "seedHash" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Brief" ("byline", "createdAt", "language", "slug", "title", "updatedAt") SELECT "byline", "createdAt", "language", "slug", "title", "updatedAt" FROM "Brief";
DROP TABLE "Brief";
ALTER TABLE "new_Brief" RENAME TO "Brief";
CREATE TABLE "new_BriefRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefSlug" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sections" INTEGER NOT NULL,
    "claims" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'brief',
    "layout" TEXT,
    "problems" TEXT NOT NULL DEFAULT '[]',
    "fileId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BriefRevision_briefSlug_fkey" FOREIGN KEY ("briefSlug") REFERENCES "Brief" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_BriefRevision" ("briefSlug", "claims", "createdAt", "id", "points", "sections", "sha256", "source") SELECT "briefSlug", "claims", "createdAt", "id", "points", "sections", "sha256", "source" FROM "BriefRevision";
DROP TABLE "BriefRevision";
ALTER TABLE "new_BriefRevision" RENAME TO "BriefRevision";
CREATE INDEX "BriefRevision_briefSlug_createdAt_idx" ON "BriefRevision"("briefSlug", "createdAt");
CREATE UNIQUE INDEX "BriefRevision_briefSlug_sha256_key" ON "BriefRevision"("briefSlug", "sha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "BriefFile_briefSlug_sha256_key" ON "BriefFile"("briefSlug", "sha256");


-- Backfill: a brief recorded before this migration is read at its newest revision until the seed
-- import (npm start) or an upload names the current one.
UPDATE "Brief" SET "currentSha" = (
  SELECT "sha256" FROM "BriefRevision" WHERE "BriefRevision"."briefSlug" = "Brief"."slug" ORDER BY "createdAt" DESC LIMIT 1
);
