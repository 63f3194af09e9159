-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "Annotation" ADD COLUMN "requestHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Annotation_authorId_idempotencyKey_key" ON "Annotation"("authorId", "idempotencyKey");

