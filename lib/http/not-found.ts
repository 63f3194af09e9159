import { notFound } from "next/navigation";
import { AppError } from "@/lib/domain/errors";

/** For pages: a service's `not_found` becomes Next's 404 page; other errors go on to the error page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
