import { describe, expect, it } from "vitest";
import { answerLength } from "../../../bench/load-client";

const bytes = (text: string) => Buffer.from(text, "latin1");

describe("the load client's reading of an answer", () => {
  it("waits for the whole Content-Length, and not for more", () => {
    const head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n";
    expect(answerLength(bytes(head))).toMatchObject({ length: 0 });
    expect(answerLength(bytes(`${head}{"id":"a"`))).toMatchObject({ length: 0 });
    expect(answerLength(bytes(`${head}{"id":"ab"}`))).toEqual({ length: head.length + 11, status: 201, close: false });
    // The next answer's bytes after this one are left for the next read.
    expect(answerLength(bytes(`${head}{"id":"ab"}HTTP/1.1 201`)).length).toBe(head.length + 11);
  });

  it("reads a chunked body to its last chunk", () => {
    const head = "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    // Sizes count bytes: ", 안녕" is 8 of them in UTF-8.
    const body = "5\r\nhello\r\n8\r\n, \xec\x95\x88\xeb\x85\x95\r\n0\r\n\r\n";
    expect(answerLength(bytes(head + body.slice(0, 12)))).toMatchObject({ length: 0 });
    expect(answerLength(bytes(head + body.slice(0, -2)))).toMatchObject({ length: 0 });
    expect(answerLength(bytes(head + body))).toEqual({ length: head.length + body.length, status: 201, close: true });
  });

  it("stops at a chunk size that is not one, rather than reading on", () => {
    const head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    expect(() => answerLength(bytes(`${head}zz\r\nabc\r\n0\r\n\r\n`))).toThrow(/not a chunk size/);
    expect(() => answerLength(bytes(`${head}3\r\nabcdef\r\n0\r\n\r\n`))).toThrow(/does not end with CRLF/);
  });

  it("takes a 304 without a body, and waits for the head", () => {
    expect(answerLength(bytes("HTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n"))).toMatchObject({ status: 304, length: 40 });
    expect(answerLength(bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"))).toMatchObject({ length: 0 });
  });
});
