// The one place the UI talks HTTP: relative URLs under the host's api base, the CSRF header on writes,
// and the API token (kept in sessionStorage) on every request once the user has given it.

const TOKEN_KEY = "mlops.registry.token";
const ACTOR_KEY = "mlops.registry.actor";

/** How the host page configured the UI (data attributes on the root element). */
export interface HostConfig {
  apiBase: string;
  csrfHeader: string;
  csrfToken: string;
}

/** Reads the host's configuration from the root element's data attributes. */
export function hostConfig(root: HTMLElement): HostConfig {
  return {
    apiBase: root.dataset.apiBase ?? "",
    csrfHeader: root.dataset.csrfHeader ?? "",
    csrfToken: root.dataset.csrfToken ?? "",
  };
}

/** A failed request, with the API's error code and message when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  /** True when the server wants an API token (missing or wrong). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
}

/** The stored API token and the name writes are audited under. */
export interface Credentials {
  token: string;
  actor: string;
}

export function storedCredentials(): Credentials | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { token, actor: sessionStorage.getItem(ACTOR_KEY) ?? "" } : null;
}

export function storeCredentials(credentials: Credentials): void {
  sessionStorage.setItem(TOKEN_KEY, credentials.token);
  if (credentials.actor) {
    sessionStorage.setItem(ACTOR_KEY, credentials.actor);
  } else {
    sessionStorage.removeItem(ACTOR_KEY);
  }
}

/** Encodes one path segment; model names may hold any character, including "/" and "#". */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

export class Api {
  constructor(private readonly config: HostConfig) {}

  /** GETs JSON from a path relative to the api base, e.g. "api/registry/v1/models". */
  get<T>(path: string): Promise<T> {
    return this.send<T>("GET", path);
  }

  /** POSTs a JSON body; writes carry the CSRF header the host configured. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>("POST", path, body);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
    }
    if (method !== "GET" && this.config.csrfHeader && this.config.csrfToken) {
      headers[this.config.csrfHeader] = this.config.csrfToken;
    }
    const credentials = storedCredentials();
    if (credentials) {
      headers["Authorization"] = "Bearer " + credentials.token;
      if (credentials.actor) {
        headers["X-Mlops-Actor"] = credentials.actor;
      }
    }
    let response: Response;
    try {
      response = await fetch(this.config.apiBase + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "same-origin",
      });
    } catch (e) {
      throw new ApiError(0, "UNREACHABLE", "cannot reach the server: " + String(e));
    }
    const text = await response.text();
    let json: unknown = null;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    }
    if (!response.ok) {
      throw errorOf(response.status, json, text);
    }
    if (json === null) {
      throw new ApiError(response.status, "INTERNAL", `${method} ${path}: the server sent no JSON`);
    }
    return json as T;
  }
}

function errorOf(status: number, json: unknown, text: string): ApiError {
  // The registry API sends {"error":{"code","message"}}; MLflow's tracking API sends {"error_code","message"}.
  const body = (json ?? {}) as { error?: { code?: string; message?: string }; error_code?: string; message?: string };
  const code = body.error?.code ?? body.error_code ?? (status === 401 ? "UNAUTHENTICATED" : "HTTP_" + status);
  const message = body.error?.message ?? body.message ?? (text.trim() || "HTTP " + status);
  return new ApiError(status, code, message);
}
