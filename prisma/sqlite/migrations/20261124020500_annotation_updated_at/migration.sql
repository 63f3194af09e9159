-- Existing rows take their modifiedAt as updatedAt (the INSERT below is edited by hand for that).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Annotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefSlug" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "parentId" TEXT,
    "motivation" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '[]',
    "color" TEXT,
    "blockId" TEXT,
    "quoteExact" TEXT,
    "quotePrefix" TEXT,
    "quoteSuffix" TEXT,
    "positionStart" INTEGER,
    "positionEnd" INTEGER,
    "entityId" TEXT,
    "revisionSha" TEXT NOT NULL,
    "anchorSha" TEXT,
    "anchorStatus" TEXT,
    "anchorScore" REAL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" DATETIME,
    "deletedAt" DATETIME,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    "canonical" TEXT,
    "via" TEXT,
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    CONSTRAINT "Annotation_briefSlug_fkey" FOREIGN KEY ("briefSlug") REFERENCES "Brief" ("slug") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Annotation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Annotation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Annotation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Annotation" ("anchorScore", "anchorSha", "anchorStatus", "authorId", "blockId", "body", "briefSlug", "canonical", "color", "createdAt", "deletedAt", "editedAt", "entityId", "hiddenAt", "hiddenById", "id", "idempotencyKey", "modifiedAt", "motivation", "parentId", "positionEnd", "positionStart", "quoteExact", "quotePrefix", "quoteSuffix", "requestHash", "revisionSha", "tags", "version", "via", "visibility", "updatedAt") SELECT "anchorScore", "anchorSha", "anchorStatus", "authorId", "blockId", "body", "briefSlug", "canonical", "color", "createdAt", "deletedAt", "editedAt", "entityId", "hiddenAt", "hiddenById", "id", "idempotencyKey", "modifiedAt", "motivation", "parentId", "positionEnd", "positionStart", "quoteExact", "quotePrefix", "quoteSuffix", "requestHash", "revisionSha", "tags", "version", "via", "visibility", "modifiedAt" FROM "Annotation";
DROP TABLE "Annotation";
ALTER TABLE "new_Annotation" RENAME TO "Annotation";
CREATE INDEX "Annotation_briefSlug_createdAt_idx" ON "Annotation"("briefSlug", "createdAt");
CREATE INDEX "Annotation_briefSlug_anchorSha_idx" ON "Annotation"("briefSlug", "anchorSha");
CREATE INDEX "Annotation_authorId_idx" ON "Annotation"("authorId");
CREATE INDEX "Annotation_parentId_idx" ON "Annotation"("parentId");
CREATE INDEX "Annotation_authorId_canonical_idx" ON "Annotation"("authorId", "canonical");
CREATE INDEX "Annotation_createdAt_id_idx" ON "Annotation"("createdAt", "id");
CREATE INDEX "Annotation_updatedAt_idx" ON "Annotation"("updatedAt");
CREATE UNIQUE INDEX "Annotation_authorId_idempotencyKey_key" ON "Annotation"("authorId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

