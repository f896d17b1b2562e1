import { describe, expect, it } from "vitest";
import { Api, ApiError, hostConfig, storeCredentials } from "./api";
import { fakeServer } from "./test/fakeServer";

describe("Api", () => {
  it("reads the host's configuration from the root element's data attributes", () => {
    const root = document.createElement("div");
    root.dataset.apiBase = "/jenkins/model-registry/";
    root.dataset.csrfHeader = "Jenkins-Crumb";
    root.dataset.csrfToken = "c0ffee";
    expect(hostConfig(root)).toEqual({ apiBase: "/jenkins/model-registry/", csrfHeader: "Jenkins-Crumb", csrfToken: "c0ffee" });
  });

  it("prefixes the api base and sends the CSRF header on writes only", async () => {
    const server = fakeServer({
      "GET base/api/registry/v1/models": { json: { models: [], total: 0 } },
      "POST base/api/x": { json: { ok: true } },
    });
    const api = new Api({ apiBase: "base/", csrfHeader: "Jenkins-Crumb", csrfToken: "c1" });
    await api.get("api/registry/v1/models");
    await api.post("api/x", { reason: "r" });
    expect(server.sent[0].headers["Jenkins-Crumb"]).toBeUndefined();
    expect(server.sent[1].headers["Jenkins-Crumb"]).toBe("c1");
    expect(server.sent[1].body).toEqual({ reason: "r" });
  });

  it("sends the stored token and actor once the user gave them", async () => {
    const server = fakeServer({ "GET api/a": { json: {} } });
    storeCredentials({ token: "t0ken", actor: "carol" });
    await new Api({ apiBase: "", csrfHeader: "", csrfToken: "" }).get("api/a");
    expect(server.sent[0].headers["Authorization"]).toBe("Bearer t0ken");
    expect(server.sent[0].headers["X-Mlops-Actor"]).toBe("carol");
  });

  it("turns the registry's and MLflow's error bodies into one error with code and message", async () => {
    fakeServer({
      "GET api/r": { status: 400, json: { error: { code: "INVALID_ARGUMENT", message: "reason is required" } } },
      "GET api/m": { status: 401, json: { error_code: "UNAUTHENTICATED", message: "token required" } },
    });
    const api = new Api({ apiBase: "", csrfHeader: "", csrfToken: "" });
    await expect(api.get("api/r")).rejects.toMatchObject({ status: 400, code: "INVALID_ARGUMENT", message: "reason is required" });
    const error = await api.get("api/m").catch((e: ApiError) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).unauthenticated).toBe(true);
  });
});
