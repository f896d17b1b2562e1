import { useState } from "react";
import { storeCredentials, storedCredentials } from "../api";

/** Asks once for the server's API token (and the name writes are audited under), kept for this tab only. */
export function TokenPrompt({ onSaved }: { onSaved: () => void }) {
  const [token, setToken] = useState("");
  const [actor, setActor] = useState(storedCredentials()?.actor ?? "");
  return (
    <form
      className="token-prompt"
      aria-label="API token"
      onSubmit={(e) => {
        e.preventDefault();
        if (token.trim()) {
          storeCredentials({ token: token.trim(), actor: actor.trim() });
          onSaved();
        }
      }}
    >
      <p>The server needs an API token for this.</p>
      <label>
        API token <input type="password" value={token} onChange={(e) => setToken(e.target.value)} required />
      </label>
      <label>
        Your name <input value={actor} onChange={(e) => setActor(e.target.value)} placeholder="for the audit log" />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}
