-- CreateTable
CREATE TABLE "Entity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "nameKo" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameJa" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "descriptionKo" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "wikidata" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "seedHash" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "partyA" TEXT NOT NULL,
    "partyB" TEXT NOT NULL,
    "nameKo" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "nameJa" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "descriptionKo" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "briefSlug" TEXT NOT NULL,
    "briefStatus" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "seedHash" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AgreementEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agreementId" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" TEXT,
    "briefSlug" TEXT,
    "quote" TEXT,
    "note" TEXT,
    "sourceUrl" TEXT,
    "sourcePublisher" TEXT,
    "sourceTier" TEXT,
    "unverified" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "addedById" TEXT,
    "addedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "AgreementEvent_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CuratedMention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "briefSlug" TEXT NOT NULL,
    "entityId" TEXT,
    "anchorSha" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "quoteExact" TEXT NOT NULL,
    "quotePrefix" TEXT NOT NULL DEFAULT '',
    "quoteSuffix" TEXT NOT NULL DEFAULT '',
    "positionStart" INTEGER NOT NULL,
    "positionEnd" INTEGER NOT NULL,
    "anchorStatus" TEXT NOT NULL DEFAULT 'exact',
    "anchorScore" REAL NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "createdBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CuratedMention_briefSlug_fkey" FOREIGN KEY ("briefSlug") REFERENCES "Brief" ("slug") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "details" TEXT,
    "revertOf" TEXT,
    "actorId" TEXT,
    "actorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DismissedSuggestion" (
    "term" TEXT NOT NULL PRIMARY KEY,
    "dismissedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "Entity_kind_position_idx" ON "Entity"("kind", "position");

-- CreateIndex
CREATE INDEX "Agreement_partyB_position_idx" ON "Agreement"("partyB", "position");

-- CreateIndex
CREATE INDEX "AgreementEvent_agreementId_position_idx" ON "AgreementEvent"("agreementId", "position");

-- CreateIndex
CREATE INDEX "CuratedMention_briefSlug_anchorSha_idx" ON "CuratedMention"("briefSlug", "anchorSha");

-- CreateIndex
CREATE INDEX "CuratedMention_entityId_idx" ON "CuratedMention"("entityId");

-- CreateIndex
CREATE INDEX "KnowledgeChange_subjectType_subjectId_createdAt_idx" ON "KnowledgeChange"("subjectType", "subjectId", "createdAt");

-- CreateIndex
CREATE INDEX "KnowledgeChange_createdAt_id_idx" ON "KnowledgeChange"("createdAt", "id");
