import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeServer } from "../test/fakeServer";
import { renderAt } from "../test/render";
import { persons, version } from "../test/data";

const DETAIL = "GET api/registry/v1/models/persons";

describe("model page", () => {
  it("lists versions with one column per metric, alias badges, run links and snapshot ids", async () => {
    fakeServer({ [DETAIL]: { json: persons() } });
    const { container } = renderAt("#/models/persons");
    const table = await screen.findByTestId("versions");
    const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(headers).toEqual(["", "Version", "Aliases", "Status", "loss", "mAP50", "Run", "Data snapshots", "Created"]);
    const v2 = table.querySelector('tr[data-version="2"]')!;
    expect(within(v2 as HTMLElement).getByText("production")).toBeTruthy();
    expect(v2.textContent).toContain("0.52");
    expect(within(v2 as HTMLElement).getByRole("link", { name: "run2" }).getAttribute("href")).toBe("#/runs/run2");
    expect(v2.querySelector("code.snapshot")!.getAttribute("title")).toBe("0123456789abcdef0123456789abcd02");
    expect(container.querySelector("table.deployments")!.textContent).toContain("gpu-1");
    const audit = [...container.querySelectorAll("ol.audit li")].map((li) => li.textContent);
    expect(audit[0]).toContain("ALIAS_MOVED by bob 1 → 2: better mAP");
  });

  it("links to compare only when 2 to 4 versions are selected, oldest first", async () => {
    fakeServer({ [DETAIL]: { json: persons() } });
    renderAt("#/models/persons");
    await screen.findByTestId("versions");
    const compare = screen.getByText(/Compare/, { selector: "a" });
    expect(compare.getAttribute("href")).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "select v3" }));
    expect(compare.getAttribute("href")).toBeNull();
    await userEvent.click(screen.getByRole("checkbox", { name: "select v1" }));
    expect(compare.getAttribute("href")).toBe("#/models/persons/compare?versions=1,3");
  });

  it("charts the chosen metric across versions as SVG text, escaping the tooltip", async () => {
    const detail = persons();
    detail.versions = [version(1, { metrics: { "<b>x</b>": 1 } }), version(2, { metrics: { "<b>x</b>": 2 } })];
    fakeServer({ [DETAIL]: { json: detail } });
    const { container } = renderAt("#/models/persons");
    const chart = await screen.findByRole("img", { name: "<b>x</b> chart" });
    // The chart's code loads on its own, then draws: wait for the title to be drawn.
    await waitFor(() => expect([...chart.querySelectorAll("svg text")].map((t) => t.textContent)).toContain("<b>x</b>"));
    expect(container.querySelector("b")).toBeNull();
  });

  it("promotes only with a reason and after confirming, asks for a token on 401, then refreshes", async () => {
    let reads = 0;
    const server = fakeServer({
      [DETAIL]: () => {
        reads++;
        const detail = persons();
        if (reads > 1) {
          detail.model.aliases.production = 3;
        }
        return { json: detail };
      },
      "POST api/registry/v1/models/persons/aliases/production": (sent) =>
        sent.headers["Authorization"] === "Bearer s3cret"
          ? { json: { version: version(3, { aliases: ["production", "staging"] }) } }
          : { status: 401, json: { error: { code: "UNAUTHENTICATED", message: "API token required" } } },
    });
    renderAt("#/models/persons");
    const form = await screen.findByRole("form", { name: "Promote" });
    const promote = within(form).getByRole("button", { name: "Promote…" });
    expect((promote as HTMLButtonElement).disabled).toBe(true);

    await userEvent.selectOptions(within(form).getByLabelText("Version"), "3");
    await userEvent.type(within(form).getByPlaceholderText(/why/), "  better recall on night images ");
    await userEvent.click(promote);
    const confirm = screen.getByRole("dialog", { name: "Confirm Promote" });
    expect(confirm.textContent).toContain("Move production of persons from version 2 to version 3?");
    expect(server.sent.filter((s) => s.method === "POST")).toHaveLength(0);

    await userEvent.click(within(confirm).getByRole("button", { name: "Confirm promote" }));
    const prompt = await screen.findByRole("form", { name: "API token" });
    await userEvent.type(within(prompt).getByLabelText("API token"), "s3cret");
    await userEvent.type(within(prompt).getByLabelText("Your name"), "carol");
    await userEvent.click(within(prompt).getByRole("button", { name: "Use token" }));

    await waitFor(() => expect(reads).toBe(2));
    const posts = server.sent.filter((s) => s.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[1].body).toEqual({ version: 3, reason: "better recall on night images" });
    expect(posts[1].headers["X-Mlops-Actor"]).toBe("carol");
    expect(sessionStorage.getItem("mlops.registry.token")).toBe("s3cret");
    expect(await screen.findByText("production: v3")).toBeTruthy();
  });

  it("rolls back the chosen alias with its reason and shows the server's refusal", async () => {
    const server = fakeServer({
      [DETAIL]: { json: persons() },
      "POST api/registry/v1/models/persons/aliases/staging/rollback": {
        status: 400,
        json: { error: { code: "INVALID_ARGUMENT", message: "alias staging held no version before 3" } },
      },
    });
    renderAt("#/models/persons", { csrfHeader: "Jenkins-Crumb", csrfToken: "crumb1" });
    const form = await screen.findByRole("form", { name: "Rollback" });
    await userEvent.selectOptions(within(form).getByRole("combobox"), "staging");
    await userEvent.type(within(form).getByPlaceholderText(/why/), "regression");
    await userEvent.click(within(form).getByRole("button", { name: "Roll back…" }));
    await userEvent.click(screen.getByRole("button", { name: "Confirm roll back" }));
    expect((await within(form).findByRole("alert")).textContent).toBe(
      "INVALID_ARGUMENT: alias staging held no version before 3",
    );
    const post = server.sent.find((s) => s.method === "POST")!;
    expect(post.body).toEqual({ reason: "regression" });
    expect(post.headers["Jenkins-Crumb"]).toBe("crumb1");
  });

  it("says which model is unknown", async () => {
    fakeServer({
      "GET api/registry/v1/models/ghost": { status: 404, json: { error: { code: "NOT_FOUND", message: "no model named ghost" } } },
    });
    renderAt("#/models/ghost");
    expect((await screen.findByRole("alert")).textContent).toBe("NOT_FOUND: no model named ghost");
  });
});
