import { z } from "zod";
import { agreementsToCsv } from "@/lib/domain/agreements-csv";
import { handle, json } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { listAgreements } from "@/lib/services/agreements";
import { otherMethods } from "@/lib/http/method-not-allowed";

const query = z.object({ format: z.enum(["json", "csv"]).default("json") }).strict();

/** GET /api/agreements[?format=csv]: every agreement record, as JSON or as CSV (one row per event). */
export async function GET(request: Request) {
  return handle(async () => {
    const { format } = parseQuery(request, query);
    const records = await listAgreements();
    if (format === "json") return json(records);
    return new Response(agreementsToCsv(records), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": 'attachment; filename="agreements.csv"',
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
