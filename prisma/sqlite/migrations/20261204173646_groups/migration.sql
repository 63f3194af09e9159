-- CreateTable
CREATE TABLE "Group" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Group_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupMember" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("groupId", "userId"),
    CONSTRAINT "GroupMember_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GroupMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupInvite" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GroupInvite_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "groupId" TEXT,
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
    CONSTRAINT "Annotation_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Annotation" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Annotation_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Annotation" ("anchorScore", "anchorSha", "anchorStatus", "authorId", "blockId", "body", "briefSlug", "canonical", "color", "createdAt", "deletedAt", "editedAt", "entityId", "hiddenAt", "hiddenById", "id", "idempotencyKey", "modifiedAt", "motivation", "parentId", "positionEnd", "positionStart", "quoteExact", "quotePrefix", "quoteSuffix", "requestHash", "revisionSha", "tags", "updatedAt", "version", "via", "visibility") SELECT "anchorScore", "anchorSha", "anchorStatus", "authorId", "blockId", "body", "briefSlug", "canonical", "color", "createdAt", "deletedAt", "editedAt", "entityId", "hiddenAt", "hiddenById", "id", "idempotencyKey", "modifiedAt", "motivation", "parentId", "positionEnd", "positionStart", "quoteExact", "quotePrefix", "quoteSuffix", "requestHash", "revisionSha", "tags", "updatedAt", "version", "via", "visibility" FROM "Annotation";
DROP TABLE "Annotation";
ALTER TABLE "new_Annotation" RENAME TO "Annotation";
CREATE INDEX "Annotation_briefSlug_createdAt_idx" ON "Annotation"("briefSlug", "createdAt");
CREATE INDEX "Annotation_briefSlug_anchorSha_idx" ON "Annotation"("briefSlug", "anchorSha");
CREATE INDEX "Annotation_authorId_idx" ON "Annotation"("authorId");
CREATE INDEX "Annotation_parentId_idx" ON "Annotation"("parentId");
CREATE INDEX "Annotation_authorId_canonical_idx" ON "Annotation"("authorId", "canonical");
CREATE INDEX "Annotation_createdAt_id_idx" ON "Annotation"("createdAt", "id");
CREATE INDEX "Annotation_updatedAt_idx" ON "Annotation"("updatedAt");
CREATE INDEX "Annotation_groupId_idx" ON "Annotation"("groupId");
CREATE UNIQUE INDEX "Annotation_authorId_idempotencyKey_key" ON "Annotation"("authorId", "idempotencyKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Group_ownerId_idx" ON "Group"("ownerId");

-- CreateIndex
CREATE INDEX "GroupMember_userId_idx" ON "GroupMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "GroupInvite_hash_key" ON "GroupInvite"("hash");

-- CreateIndex
CREATE INDEX "GroupInvite_groupId_idx" ON "GroupInvite"("groupId");
