-- CreateIndex
CREATE INDEX "Annotation_briefSlug_anchorSha_idx" ON "Annotation"("briefSlug", "anchorSha");

