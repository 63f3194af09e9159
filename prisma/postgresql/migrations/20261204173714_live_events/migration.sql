-- CreateTable
CREATE TABLE "AnnotationEvent" (
    "id" SERIAL NOT NULL,
    "annotationId" TEXT NOT NULL,
    "briefSlug" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitCount" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimitCount_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "AnnotationEvent_briefSlug_id_idx" ON "AnnotationEvent"("briefSlug", "id");

-- CreateIndex
CREATE INDEX "RateLimitCount_expiresAt_idx" ON "RateLimitCount"("expiresAt");

