import { vi } from "vitest";

/** One request the component sent. */
export interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status?: number; json: unknown } | ((sent: Sent) => { status?: number; json: unknown });

/**
 * Stands in for the server by replacing fetch: the components are tested in isolation, so the
 * answers are the contract's JSON, keyed by "METHOD path" (path with its query, as sent).
 */
export function fakeServer(answers: Record<string, Answer>) {
  const sent: Sent[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? "GET";
    const request: Sent = {
      method,
      url,
      headers: { ...((init?.headers as Record<string, string>) ?? {}) },
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    sent.push(request);
    const answer = answers[method + " " + url];
    if (answer === undefined) {
      return new Response(JSON.stringify({ error: { code: "NOT_FOUND", message: "no answer for " + method + " " + url } }), {
        status: 404,
      });
    }
    const { status = 200, json } = typeof answer === "function" ? answer(request) : answer;
    return new Response(JSON.stringify(json), { status, headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { sent, answers };
}
