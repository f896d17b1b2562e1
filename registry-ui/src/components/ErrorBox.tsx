import { ApiError } from "../api";
import { TokenPrompt } from "./TokenPrompt";

/** Shows what went wrong; when the server wants a token, asks for it and tries again. */
export function ErrorBox({ error, retry }: { error: ApiError; retry: () => void }) {
  if (error.unauthenticated) {
    return <TokenPrompt onSaved={retry} />;
  }
  return (
    <div className="error" role="alert">
      {error.code}: {error.message}
    </div>
  );
}
