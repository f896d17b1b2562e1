import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";

// findBy*/waitFor give up after this long, not 1 s: on a loaded two-core CI machine the chart's lazily
// loaded code took longer than that to draw. They still resolve as soon as the condition holds, so
// the limit decides only how long a real failure takes to report, never whether a test passes.
configure({ asyncUtilTimeout: 30_000 });

// jsdom has no canvas; ECharts then estimates text widths itself. Answering null up front keeps jsdom
// from printing "not implemented" for every label.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.location.hash = "";
});
