import { z } from "zod";
import { agreementsToCsv } from "@/lib/domain/agreements-csv";
import { attachment } from "@/lib/http/download";
import { handle, json } from "@/lib/http/respond";
import { parseQuery } from "@/lib/http/validate";
import { listAgreements } from "@/lib/services/agreements";
import { otherMethods } from "@/lib/http/method-not-allowed";

const query = z.object({
  format: z.enum(["json", "csv"]).default("json"),
  /** `download=1` answers JSON as a file to save too (CSV always is one). */
  download: z.enum(["0", "1"]).optional(),
}).strict();

/** GET /api/agreements[?format=csv][&download=1]: every agreement record, as JSON or as CSV (one row per event). */
export async function GET(request: Request) {
  return handle(async () => {
    const { format, download } = parseQuery(request, query);
    const records = await listAgreements();
    if (format === "json") {
      return download === "1"
        ? new Response(`${JSON.stringify(records, null, 2)}\n`, { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": attachment("agreements.json") } })
        : json(records);
    }
    return new Response(agreementsToCsv(records), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": attachment("agreements.csv"),
      },
    });
  });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
