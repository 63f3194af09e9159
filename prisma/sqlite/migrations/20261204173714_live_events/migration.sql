-- CreateTable
CREATE TABLE "AnnotationEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "annotationId" TEXT NOT NULL,
    "briefSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "RateLimitCount" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "AnnotationEvent_briefSlug_id_idx" ON "AnnotationEvent"("briefSlug", "id");

-- CreateIndex
CREATE INDEX "RateLimitCount_expiresAt_idx" ON "RateLimitCount"("expiresAt");

-- On SQLite the event log is written by triggers, so that every annotation write stays one
-- statement and keeps sharing commits (lib/database/sqlite-adapter.ts groups single-statement
-- writes; a transaction of several would commit alone, one disk sync each). Every write of an
-- annotation bumps its version: a deletion is "deleted", a move of the anchor that no person
-- made (modifiedAt unchanged) is "reanchored", anything else "changed".
CREATE TRIGGER "AnnotationEvent_created" AFTER INSERT ON "Annotation"
BEGIN
    INSERT INTO "AnnotationEvent" ("annotationId", "briefSlug", "kind") VALUES (NEW."id", NEW."briefSlug", 'created');
END;

CREATE TRIGGER "AnnotationEvent_changed" AFTER UPDATE ON "Annotation" WHEN NEW."version" <> OLD."version"
BEGIN
    INSERT INTO "AnnotationEvent" ("annotationId", "briefSlug", "kind") VALUES (NEW."id", NEW."briefSlug",
        CASE
            WHEN NEW."deletedAt" IS NOT NULL AND OLD."deletedAt" IS NULL THEN 'deleted'
            WHEN NEW."anchorSha" IS NOT OLD."anchorSha" AND NEW."modifiedAt" = OLD."modifiedAt" THEN 'reanchored'
            ELSE 'changed'
        END);
END;
