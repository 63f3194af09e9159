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
