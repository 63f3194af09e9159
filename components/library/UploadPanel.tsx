"use client";

/**
 * An editor adds a brief: drop a file on the panel (or choose one, by mouse or keyboard), name it
 * if they like, and upload. XMLHttpRequest rather than fetch, for the one thing fetch cannot do:
 * report the upload's progress. The answer's problems, or why the file was refused, are said in
 * the reader's language; a success opens the preview.
 */
import { useRouter } from "next/navigation";
import { type DragEvent, type FormEvent, useId, useRef, useState } from "react";
import { apiErrorFrom } from "@/lib/http/client";
import { errorText } from "@/lib/i18n/errors";
import { libraryMessages } from "@/lib/i18n/library-messages";
import type { Locale } from "@/lib/i18n/messages";

type Phase = { kind: "idle" } | { kind: "sending"; percent: number } | { kind: "converting" } | { kind: "failed"; text: string; existing?: string } | { kind: "done"; slug: string; title: string };

interface UploadAnswer {
  slug: string;
  status: "draft" | "published";
}

/** Sends the form with progress; resolves with the status and the parsed JSON body. */
function send(form: FormData, onProgress: (percent: number) => void, onSent: () => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/briefs");
    request.setRequestHeader("accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.upload.onload = onSent;
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      resolve({ status: request.status, body });
    };
    request.onerror = () => resolve({ status: 0, body: null });
    request.send(form);
  });
}

export function UploadPanel({ locale, limitMb }: { locale: Locale; limitMb: number }) {
  // The words are taken here, not passed in: some are functions, which a server page cannot hand to a client component.
  const words = libraryMessages[locale];
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const input = useRef<HTMLInputElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const ids = { file: useId(), slug: useId(), help: useId() };
  const busy = phase.kind === "sending" || phase.kind === "converting";

  const take = (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setPhase({ kind: "idle" });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file || busy) return;
    const data = new FormData(event.currentTarget);
    data.set("file", file, file.name);
    data.set("publish", data.get("publish") === "on" ? "true" : "false");
    if (!String(data.get("slug") ?? "").trim()) data.delete("slug");
    setPhase({ kind: "sending", percent: 0 });
    const answer = await send(
      data,
      (percent) => setPhase({ kind: "sending", percent }),
      () => setPhase({ kind: "converting" }),
    );
    if (answer.status === 201) {
      const made = answer.body as UploadAnswer;
      setPhase({ kind: "done", slug: made.slug, title: file.name });
      setFile(null);
      router.push(`/briefs/${made.slug}/preview`);
      return;
    }
    const error = apiErrorFrom(answer.status, answer.body);
    const detail = (answer.body as { error?: { reason?: string; existing?: { slug: string } } } | null)?.error;
    const reason = detail?.reason ? words.reasons[detail.reason] : undefined;
    setPhase({ kind: "failed", text: reason ?? errorText(locale, error), existing: detail?.existing?.slug });
    status.current?.focus();
  };

  return (
    <section className="upload-panel" aria-labelledby={`${ids.file}-title`}>
      <h2 id={`${ids.file}-title`}>{words.upload.title}</h2>
      <form onSubmit={submit}>
        <div
          className={`drop-zone${dragging ? " drop-zone-active" : ""}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          data-testid="drop-zone"
        >
          <p id={ids.help}>
            {words.upload.help} {words.upload.limit(limitMb)}
          </p>
          <label htmlFor={ids.file} className="button-like">
            {words.upload.choose}
          </label>
          <input
            ref={input}
            id={ids.file}
            type="file"
            className="visually-hidden-file"
            accept=".pdf,.docx,.md,.markdown,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/markdown,text/plain"
            aria-describedby={ids.help}
            onChange={(event) => take(event.target.files?.[0])}
          />
          <p className="drop-file" aria-live="polite">
            {file ? `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)` : dragging ? words.upload.drop : ""}
          </p>
        </div>
        <label htmlFor={ids.slug}>{words.upload.slug}</label>
        <input id={ids.slug} name="slug" pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby={`${ids.slug}-help`} autoComplete="off" />
        <p id={`${ids.slug}-help`} className="muted">
          {words.upload.slugHelp}
        </p>
        <label className="checkbox">
          <input type="checkbox" name="publish" /> {words.upload.publishNow}
        </label>
        <button type="submit" disabled={!file || busy}>
          {words.upload.send}
        </button>
        {phase.kind === "sending" && <progress max={100} value={phase.percent} aria-label={words.upload.sending(phase.percent)} />}
        <p ref={status} tabIndex={-1} role={phase.kind === "failed" ? "alert" : "status"} className={phase.kind === "failed" ? "form-error" : "muted"}>
          {phase.kind === "sending" && words.upload.sending(phase.percent)}
          {phase.kind === "converting" && words.upload.converting}
          {phase.kind === "done" && words.upload.done(phase.title)}
          {phase.kind === "failed" && (
            <>
              {phase.text}
              {phase.existing && (
                <>
                  {" "}
                  <a href={`/briefs/${phase.existing}`}>{phase.existing}</a>
                </>
              )}
            </>
          )}
        </p>
      </form>
    </section>
  );
}
