-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN "canonical" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "via" TEXT;

-- CreateIndex
CREATE INDEX "Annotation_authorId_canonical_idx" ON "Annotation"("authorId", "canonical");

