// Writes the knowledge base (the database named by DATABASE_URL) back into content/entities and
// content/agreements, in exactly the seed files' layout, for review in a pull request and as the
// seed of another database. Usage: npm run kb:export [-- <folder>] (default: content/).
import { db } from "@/lib/database/prisma";
import { exportKnowledge } from "@/lib/services/knowledge-seed";

const target = process.argv[2];
const { written, removed } = await exportKnowledge(target);
console.log(`kb:export: wrote ${written.length} files${removed.length ? `, removed ${removed.join(", ")}` : ""}`);
await db().$disconnect();
