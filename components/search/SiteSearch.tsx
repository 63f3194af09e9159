import type { Messages } from "@/lib/i18n/messages";
import { paletteLabels } from "./palette-types";
import { SearchLauncher } from "./SearchLauncher";

/** The header's search box: a plain GET form to /search (works without script), and the ⌘K button. */
export function SiteSearch({ t }: { t: Messages }) {
  return (
    <form role="search" action="/search" method="get" className="site-search" aria-label={t.search.label}>
      <label htmlFor="site-search-q" className="sr-only">
        {t.search.label}
      </label>
      <input id="site-search-q" type="search" name="q" placeholder={t.search.placeholder} maxLength={200} autoComplete="off" required />
      <button type="submit" className="site-search-submit">
        {t.search.submit}
      </button>
      <SearchLauncher labels={paletteLabels(t)} />
    </form>
  );
}
