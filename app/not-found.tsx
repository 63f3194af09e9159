import Link from "next/link";
import { getMessages } from "@/lib/i18n/locale";

export default async function NotFound() {
  const { t } = await getMessages();
  return (
    <div className="page-narrow">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <Link href="/">{t.backToList}</Link>
      </p>
    </div>
  );
}
