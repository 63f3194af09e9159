-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "requestHash" TEXT;

-- CreateIndex
CREATE INDEX "Annotation_briefSlug_anchorSha_idx" ON "Annotation"("briefSlug", "anchorSha");

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_authorId_idempotencyKey_key" ON "Annotation"("authorId", "idempotencyKey");
