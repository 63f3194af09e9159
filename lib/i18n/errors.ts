/**
 * How a failed request is put to the reader, in their language: by the error's `code` and `field`
 * (the server's own messages are English, for developers), so every form words errors alike.
 */
import type { Locale } from "./messages";
import { withParticle } from "./particles";

/** A failure as the API client reports it (`ApiError` in lib/http/client.ts), or any thrown value. */
export interface ProblemLike {
  code?: string;
  message?: string;
  field?: string;
  status?: number;
}

type Words = Record<string, string>;

/** Field names as a reader knows them (the API's dotted paths, by their last meaningful part). */
const FIELDS: Record<Locale, Words> = {
  ko: {
    body: "내용",
    tags: "태그",
    visibility: "공개 범위",
    motivation: "종류",
    target: "선택한 곳",
    quote: "인용",
    position: "위치",
    brief: "브리프",
    source: "브리프",
    parentId: "원래 노트",
    color: "색",
    name: "이름",
    email: "이메일",
    password: "비밀번호",
    expiresInDays: "만료",
    file: "파일",
    q: "검색어",
    "content-type": "파일 형식",
    "if-match": "판",
    names: "이름",
    aliases: "별칭",
    description: "설명",
    wikidata: "위키데이터 ID",
    kind: "종류",
    id: "식별자",
    into: "합칠 개체",
    date: "날짜",
    url: "출처 주소",
    publisher: "발행처",
    tier: "출처 등급",
    note: "메모",
    entityId: "개체",
    blockId: "문단",
    start: "선택한 곳",
    end: "선택한 곳",
    basis: "근거",
    term: "말",
  },
  en: {
    body: "text",
    tags: "tags",
    visibility: "visibility",
    motivation: "kind",
    target: "selected passage",
    quote: "quote",
    position: "position",
    brief: "brief",
    source: "brief",
    parentId: "note replied to",
    color: "colour",
    name: "name",
    email: "email",
    password: "password",
    expiresInDays: "expiry",
    file: "file",
    q: "search words",
    "content-type": "file type",
    "if-match": "version",
    names: "names",
    aliases: "aliases",
    description: "description",
    wikidata: "Wikidata id",
    kind: "kind",
    id: "id",
    into: "entity to merge into",
    date: "date",
    url: "source address",
    publisher: "publisher",
    tier: "source tier",
    note: "note",
    entityId: "entity",
    blockId: "paragraph",
    start: "selection",
    end: "selection",
    basis: "basis",
    term: "term",
  },
};

/** Messages by code: the app's (lower case) and better-auth's (upper case). `{field}` is filled in. */
const CODES: Record<Locale, Words> = {
  ko: {
    network: "서버에 연결하지 못했습니다. 인터넷 연결을 확인한 뒤 다시 시도하세요.",
    aborted: "요청을 취소했습니다.",
    invalid_input: "입력한 값을 확인하세요.",
    invalid_input_field: "{field} 값을 확인하세요.",
    too_large: "너무 깁니다. 줄여서 다시 시도하세요.",
    too_large_field: "{field_이/가} 너무 깁니다.",
    unauthorized: "로그인이 필요합니다. 다시 로그인하세요.",
    forbidden: "이 작업을 할 권한이 없습니다.",
    not_found: "찾을 수 없습니다. 이미 삭제되었을 수 있습니다.",
    not_found_field: "{field_을/를} 찾을 수 없습니다.",
    conflict: "다른 곳에서 먼저 바뀌었습니다. 새로 불러온 뒤 다시 시도하세요.",
    precondition_failed: "그사이 다른 곳에서 수정되었습니다. 목록이 새로 고쳐지면 다시 시도하세요.",
    precondition_required: "어느 판을 고치는지 알 수 없습니다. 새로 불러온 뒤 다시 시도하세요.",
    gone: "이미 없어졌습니다.",
    unsupported_media_type: "이 형식의 파일은 받을 수 없습니다. JSON-LD 파일을 고르세요.",
    rate_limited: "요청이 너무 많습니다. 잠시 뒤에 다시 시도하세요.",
    method_not_allowed: "이 주소에서는 할 수 없는 작업입니다.",
    not_acceptable: "요청한 형식으로 답할 수 없습니다.",
    idempotency_key_reused: "같은 요청 키가 다른 요청에 쓰였습니다.",
    invalid_content: "서버의 자료에 문제가 있습니다. 관리자에게 알려 주세요.",
    internal: "서버에서 문제가 생겼습니다. 잠시 뒤에 다시 시도하세요.",
    INVALID_EMAIL_OR_PASSWORD: "이메일이나 비밀번호가 맞지 않습니다.",
    INVALID_EMAIL: "이메일 주소의 형식이 올바르지 않습니다.",
    INVALID_PASSWORD: "비밀번호가 맞지 않습니다.",
    PASSWORD_TOO_SHORT: "비밀번호가 너무 짧습니다. 10자 이상으로 정하세요.",
    PASSWORD_TOO_LONG: "비밀번호가 너무 깁니다. 128자 이하로 정하세요.",
    USER_ALREADY_EXISTS: "이미 가입된 이메일입니다. 로그인하세요.",
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "이미 가입된 이메일입니다. 로그인하거나 다른 이메일을 쓰세요.",
    USER_NOT_FOUND: "이 이메일로 가입한 계정이 없습니다.",
    INVALID_ORIGIN: "이 주소에서는 로그인할 수 없습니다. 리더의 주소로 다시 여세요.",
    MISSING_OR_NULL_ORIGIN: "이 주소에서는 로그인할 수 없습니다. 리더의 주소로 다시 여세요.",
    FAILED_TO_CREATE_USER: "계정을 만들지 못했습니다. 잠시 뒤에 다시 시도하세요.",
    FAILED_TO_CREATE_SESSION: "로그인하지 못했습니다. 잠시 뒤에 다시 시도하세요.",
    SESSION_EXPIRED: "로그인이 만료되었습니다. 다시 로그인하세요.",
    INVALID_INPUT: "입력한 값을 확인하세요.",
    INVALID_INPUT_field: "{field} 값을 확인하세요.",
    VALIDATION_ERROR: "입력한 값을 확인하세요.",
    MISSING_FIELD: "빠진 항목이 있습니다.",
  },
  en: {
    network: "Could not reach the server. Check your connection and try again.",
    aborted: "The request was cancelled.",
    invalid_input: "Please check what you entered.",
    invalid_input_field: "Please check the {field}.",
    too_large: "That is too long. Shorten it and try again.",
    too_large_field: "The {field} is too long.",
    unauthorized: "You need to sign in. Please sign in again.",
    forbidden: "You are not allowed to do that.",
    not_found: "Not found. It may have been deleted.",
    not_found_field: "The {field} was not found.",
    conflict: "It was changed elsewhere first. Reload and try again.",
    precondition_failed: "It was edited elsewhere in the meantime. Try again once the list has refreshed.",
    precondition_required: "Which version to change is unknown. Reload and try again.",
    gone: "It is gone.",
    unsupported_media_type: "Files of this type cannot be read. Choose a JSON-LD file.",
    rate_limited: "Too many requests. Please wait a moment and try again.",
    method_not_allowed: "That cannot be done at this address.",
    not_acceptable: "The server cannot answer in the format asked for.",
    idempotency_key_reused: "The same request key was used for another request.",
    invalid_content: "The server's data has a problem. Please tell the administrator.",
    internal: "Something went wrong on the server. Please try again in a moment.",
    INVALID_EMAIL_OR_PASSWORD: "The email or password is not right.",
    INVALID_EMAIL: "That email address does not look right.",
    INVALID_PASSWORD: "The password is not right.",
    PASSWORD_TOO_SHORT: "The password is too short: use 10 characters or more.",
    PASSWORD_TOO_LONG: "The password is too long: use 128 characters or fewer.",
    USER_ALREADY_EXISTS: "An account with this email exists. Please sign in.",
    USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email exists. Sign in, or use another email.",
    USER_NOT_FOUND: "No account uses this email.",
    INVALID_ORIGIN: "Signing in is not possible from this address. Open the reader at its own address.",
    MISSING_OR_NULL_ORIGIN: "Signing in is not possible from this address. Open the reader at its own address.",
    FAILED_TO_CREATE_USER: "The account could not be made. Please try again in a moment.",
    FAILED_TO_CREATE_SESSION: "Could not sign in. Please try again in a moment.",
    SESSION_EXPIRED: "Your session has expired. Please sign in again.",
    INVALID_INPUT: "Please check what you entered.",
    INVALID_INPUT_field: "Please check the {field}.",
    VALIDATION_ERROR: "Please check what you entered.",
    MISSING_FIELD: "Something is missing.",
  },
};

/** better-auth's rate limit answers 429 with a code of its own or none. */
const BY_STATUS: Record<number, string> = { 400: "invalid_input", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict", 412: "precondition_failed", 413: "too_large", 429: "rate_limited" };

/** A dotted API path (`target.quote.exact`, `tags.3`) as the name a reader knows, or null. */
export function fieldName(locale: Locale, field: string | undefined): string | null {
  if (!field) return null;
  const parts = field.split(".").filter((part) => !/^\d+$/.test(part));
  for (let index = parts.length - 1; index >= 0; index--) {
    const known = FIELDS[locale][parts[index]];
    if (known) return known;
  }
  return null;
}

/** The text a form shows for a failed request, in the reader's language. Never the server's English. */
export function errorText(locale: Locale, problem: unknown): string {
  const { code: given, field, status } = (problem ?? {}) as ProblemLike;
  const words = CODES[locale];
  const code = given && words[given] ? given : ((status !== undefined && BY_STATUS[status]) || "internal");
  const name = fieldName(locale, field);
  const template = (name && words[`${code}_field`]) || words[code] || words.internal;
  return template
    .replace(/\{field_(이\/가|을\/를|은\/는|과\/와)\}/g, (_, pair: "이/가" | "을/를" | "은/는" | "과/와") => (name ? withParticle(name, pair) : ""))
    .replace("{field}", name ?? "");
}
