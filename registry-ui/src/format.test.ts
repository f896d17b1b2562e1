import { describe, expect, it } from "vitest";
import { escapeHtml, formatDelta, formatNumber, keysOf, shortId } from "./format";

describe("format", () => {
  it("escapes every character that could open markup or an attribute", () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe(
      "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;",
    );
  });

  it("rounds metric values to four significant digits and keeps integers", () => {
    expect(formatNumber(0.612345)).toBe("0.6123");
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(undefined)).toBe("");
  });

  it("signs deltas", () => {
    expect(formatDelta(0.0123)).toBe("+0.0123");
    expect(formatDelta(-2)).toBe("-2");
    expect(formatDelta(0)).toBe("±0");
  });

  it("shortens long ids and sorts the union of keys", () => {
    expect(shortId("0123456789abcdef")).toBe("01234567");
    expect(keysOf([{ b: 1 }, { a: 2, b: 3 }])).toEqual(["a", "b"]);
  });
});
