/**
 * Who is on the other end of a request, as the rate limits and the sign-in protection key it.
 * scripts/serve.mjs decides it once per request from the socket and `TRUST_PROXY` (a client's
 * own X-Forwarded-* headers are ignored unless the socket is a trusted proxy) and puts it in
 * `X-Forwarded-For` as a single address, replacing whatever the client sent. Pure.
 */

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+(?:%[\w.-]+)?$/i;

/** The groups of an IPv6 address, eight of them; null when it is none. */
function ipv6Groups(address: string): string[] | null {
  const bare = address.replace(/%.*$/, "").toLowerCase();
  if (!IPV6.test(bare) || (bare.match(/::/g) ?? []).length > 1) return null;
  const [head, tail] = bare.includes("::") ? bare.split("::") : [bare, null];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === null ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array(tail === null ? 0 : missing).fill("0"), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups.map((group) => group.replace(/^0+(?=.)/, "")) : null;
}

/**
 * The address as a key: IPv4 as it is (an IPv4-mapped IPv6 address too), IPv6 by its /64, the
 * block one subscriber holds (an attacker has 2^64 addresses in it), or `unknown`.
 */
export function addressKey(address: string): string {
  const trimmed = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  if (mapped && IPV4.test(mapped[1])) return mapped[1];
  if (IPV4.test(trimmed)) return trimmed;
  const groups = ipv6Groups(trimmed);
  if (!groups) return "unknown";
  return `${groups.slice(0, 4).join(":")}::/64`;
}

/** The client's address (as a key) of a request that came through scripts/serve.mjs. */
export function clientAddress(headers: Headers): string {
  return addressKey(headers.get("x-forwarded-for")?.split(",")[0] ?? "");
}
