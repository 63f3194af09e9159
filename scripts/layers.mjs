// The layering of the code, in one place: ESLint enforces it (eslint.config.mjs) and
// the README shows it. Each folder may import from the folders
// listed for it (and from itself); anything else is an upward or sideways import and fails lint.
//
//   app → components/services/auth → db/import/search/anchoring/ingest/database/backup/mail
//       → content/http/export/i18n → w3c/domain → text
//
// Within a level, only the edges listed are allowed, so that no two folders import each other.

const TEXT = ["lib/text"];
const MODEL = [...TEXT, "lib/domain", "lib/w3c"];
const WORDS = [...MODEL, "lib/i18n"];
const PURE = [...WORDS, "lib/content", "lib/http", "lib/export"];
const STORAGE = ["lib/database", "lib/db"];

/** For each folder, the folders it may import from. */
export const LAYERS = {
  "lib/text": [],
  "lib/domain": TEXT,
  "lib/w3c": [...TEXT, "lib/domain"],
  "lib/i18n": MODEL,
  "lib/content": WORDS,
  "lib/http": WORDS,
  "lib/export": WORDS,
  "lib/anchoring": PURE,
  "lib/search": PURE,
  "lib/import": [...PURE, "lib/anchoring"],
  "lib/ingest": PURE,
  "lib/database": PURE,
  "lib/db": [...PURE, "lib/database", "lib/search"],
  "lib/backup": [...PURE, "lib/database"],
  // Sending mail (nodemailer, SMTP_URL): a leaf the services and accounts use.
  "lib/mail": PURE,
  "lib/services": [...PURE, "lib/anchoring", "lib/search", "lib/import", "lib/ingest", "lib/mail", ...STORAGE],
  "lib/auth": [...PURE, ...STORAGE, "lib/services", "lib/mail"],
  // The browser bundle: pure modules only, never storage, services or the server's session.
  components: [...PURE, "lib/anchoring", "lib/import", "lib/search"],
  // Routes call services; they never reach the database themselves.
  app: [...PURE, "lib/services", "lib/auth", "components"],
};

/** Every folder the table knows, for telling which folder an import points into. */
export const FOLDERS = Object.keys(LAYERS);
