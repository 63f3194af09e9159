-- CreateTable
CREATE TABLE "ForeignAnnotation" (
    "id" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "visibility" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "canonical" TEXT,
    "via" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenById" TEXT,

    CONSTRAINT "ForeignAnnotation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ForeignAnnotation_createdAt_id_idx" ON "ForeignAnnotation"("createdAt", "id");

-- CreateIndex
CREATE INDEX "ForeignAnnotation_authorId_canonical_idx" ON "ForeignAnnotation"("authorId", "canonical");

-- CreateIndex
CREATE INDEX "ForeignAnnotation_authorId_source_idx" ON "ForeignAnnotation"("authorId", "source");

-- AddForeignKey
ALTER TABLE "ForeignAnnotation" ADD CONSTRAINT "ForeignAnnotation_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
