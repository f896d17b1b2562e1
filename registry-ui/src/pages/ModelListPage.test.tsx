import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeServer } from "../test/fakeServer";
import { renderAt } from "../test/render";

const XSS = "<img src=x onerror=alert(1)>";

function listOf(names: string[]) {
  return {
    models: names.map((name, i) => ({
      name,
      description: null,
      tags: {},
      aliases: i === 0 ? { production: 2, staging: 3 } : {},
      latestVersion: 3,
      versionCount: 3,
      lastUpdatedAt: 1_700_000_000_000,
    })),
    total: names.length,
  };
}

describe("model list", () => {
  it("shows each model with its alias badges, latest version and a link to its page", async () => {
    fakeServer({ "GET api/registry/v1/models?q=&limit=50&offset=0": { json: listOf(["persons", XSS]) } });
    renderAt("#/");
    const link = await screen.findByRole("link", { name: "persons" });
    expect(link.getAttribute("href")).toBe("#/models/persons");
    const row = link.closest("tr")!;
    expect(row.querySelectorAll(".badge")).toHaveLength(2);
    expect(row.textContent).toContain("production: v2");
    expect(row.querySelector(".latest")!.textContent).toBe("v3");
    expect(screen.getByText("2 models")).toBeTruthy();
  });

  it("shows a model name holding markup as text, creating no element from it", async () => {
    fakeServer({ "GET api/registry/v1/models?q=&limit=50&offset=0": { json: listOf([XSS]) } });
    const { container } = renderAt("#/");
    const link = await screen.findByRole("link", { name: XSS });
    expect(link.textContent).toBe(XSS);
    expect(link.getAttribute("href")).toBe("#/models/" + encodeURIComponent(XSS));
    expect(container.querySelector("img")).toBeNull();
  });

  it("asks the server for the typed text after a pause", async () => {
    const server = fakeServer({
      "GET api/registry/v1/models?q=&limit=50&offset=0": { json: listOf(["persons", "cars"]) },
      "GET api/registry/v1/models?q=car%20s&limit=50&offset=0": { json: listOf(["cars"]) },
    });
    renderAt("#/");
    await screen.findByRole("link", { name: "persons" });
    await userEvent.type(screen.getByRole("searchbox", { name: "Search models" }), "car s");
    await waitFor(() => expect(screen.queryByRole("link", { name: "persons" })).toBeNull());
    expect(screen.getByRole("link", { name: "cars" })).toBeTruthy();
    expect(server.sent.map((s) => s.url)).toContain("api/registry/v1/models?q=car%20s&limit=50&offset=0");
  });

  it("says what the server answered when listing fails", async () => {
    fakeServer({
      "GET api/registry/v1/models?q=&limit=50&offset=0": {
        status: 500,
        json: { error: { code: "INTERNAL", message: "database is locked" } },
      },
    });
    renderAt("#/");
    expect((await screen.findByRole("alert")).textContent).toBe("INTERNAL: database is locked");
  });
});
