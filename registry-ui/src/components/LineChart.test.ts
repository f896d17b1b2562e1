import { describe, expect, it } from "vitest";
import { lineOption } from "./LineChart";

describe("lineOption", () => {
  it("escapes user text in the HTML tooltip", () => {
    const option = lineOption("<img src=x onerror=alert(1)>", "version", [{ x: 1, y: 0.5 }]) as {
      tooltip: { formatter: (p: unknown) => string };
      series: { data: number[][] }[];
    };
    const html = option.tooltip.formatter([{ value: [1, 0.5] }]);
    expect(html).toBe("version 1<br/>&lt;img src=x onerror=alert(1)&gt;: 0.5");
    expect(option.series[0].data).toEqual([[1, 0.5]]);
  });
});
