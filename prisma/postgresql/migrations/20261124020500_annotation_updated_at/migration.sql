-- AlterTable
ALTER TABLE "Annotation" ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Existing rows take their modifiedAt as updatedAt (added by hand, as in the SQLite migration).
UPDATE "Annotation" SET "updatedAt" = "modifiedAt";

-- CreateIndex
CREATE INDEX "Annotation_updatedAt_idx" ON "Annotation"("updatedAt");
