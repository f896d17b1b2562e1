import { useState, type ReactNode } from "react";
import { ApiError } from "../api";
import { TokenPrompt } from "./TokenPrompt";

type Step = { kind: "edit" } | { kind: "confirm" } | { kind: "sending" } | { kind: "token" } | { kind: "failed"; error: ApiError };

/**
 * A write with a required reason and a confirm step: the audit log keeps the reason, and nobody
 * moves production by a stray click. A 401 asks for the token and sends the confirmed write again.
 */
export function ConfirmedWrite({
  title,
  action,
  fields,
  summary,
  ready,
  write,
  onDone,
}: {
  title: string;
  action: string;
  fields: ReactNode;
  summary: string;
  ready: boolean;
  write: (reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const [reason, setReason] = useState("");
  const [step, setStep] = useState<Step>({ kind: "edit" });

  async function send() {
    setStep({ kind: "sending" });
    try {
      await write(reason.trim());
      setReason("");
      setStep({ kind: "edit" });
      onDone();
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, "INTERNAL", String(e));
      setStep(error.unauthenticated ? { kind: "token" } : { kind: "failed", error });
    }
  }

  const editing = step.kind === "edit" || step.kind === "failed";
  // The token prompt is a form of its own, so it sits beside this one: a form inside a form would
  // let the browser submit the outer one natively and reload the page.
  return (
    <div className="write">
      <form
        aria-label={title}
        onSubmit={(e) => {
          e.preventDefault();
          if (ready && reason.trim()) {
            setStep({ kind: "confirm" });
          }
        }}
      >
        <h3>{title}</h3>
        <fieldset disabled={!editing}>
          {fields}
          <label>
            Reason <input value={reason} onChange={(e) => setReason(e.target.value)} required placeholder="why (kept in the audit log)" />
          </label>
          <button type="submit" disabled={!ready || !reason.trim()}>
            {action}…
          </button>
        </fieldset>
        {step.kind === "confirm" && (
          <div className="confirm" role="dialog" aria-label={"Confirm " + action}>
            <p>{summary}</p>
            <p>Reason: {reason.trim()}</p>
            <button type="button" onClick={send}>
              Confirm {action.toLowerCase()}
            </button>{" "}
            <button type="button" onClick={() => setStep({ kind: "edit" })}>
              Cancel
            </button>
          </div>
        )}
        {step.kind === "sending" && <p className="muted">Sending…</p>}
        {step.kind === "failed" && (
          <div className="error" role="alert">
            {step.error.code}: {step.error.message}
          </div>
        )}
      </form>
      {step.kind === "token" && <TokenPrompt onSaved={send} />}
    </div>
  );
}
