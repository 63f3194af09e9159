/** Client addresses as the limits key them (lib/http/client-address.ts). */
import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "@/lib/http/client-address";

describe("addressKey", () => {
  it("keeps IPv4 (also when mapped into IPv6) and counts IPv6 by its /64", () => {
    expect(addressKey("203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(addressKey("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:DB8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:0001:0002::ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
  });

  it("says unknown for what is no address", () => {
    for (const bad of ["", "unknown", "999.1.1.1", "1.2.3", "2001:db8::1::2", "not an address", "2001:db8:1:2:3:4:5:6:7"]) expect(addressKey(bad), bad).toBe("unknown");
  });

  it("reads the one address scripts/serve.mjs put in X-Forwarded-For", () => {
    expect(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientAddress(new Headers())).toBe("unknown");
  });
});
