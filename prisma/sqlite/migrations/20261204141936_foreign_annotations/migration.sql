-- CreateTable
CREATE TABLE "ForeignAnnotation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "authorId" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "canonical" TEXT,
    "via" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" DATETIME,
    "hiddenAt" DATETIME,
    "hiddenById" TEXT,
    CONSTRAINT "ForeignAnnotation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ForeignAnnotation_createdAt_id_idx" ON "ForeignAnnotation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ForeignAnnotation_authorId_canonical_idx" ON "ForeignAnnotation"("authorId", "canonical");

-- CreateIndex
CREATE INDEX "ForeignAnnotation_authorId_source_idx" ON "ForeignAnnotation"("authorId", "source");
