import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

// jsdom has no canvas; ECharts then estimates text widths itself. Answering null up front keeps jsdom
// from printing "not implemented" for every label.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  window.location.hash = "";
});
