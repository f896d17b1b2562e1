import { render } from "@testing-library/react";
import { Api, type HostConfig } from "../api";
import { App } from "../App";

/** Renders the whole UI at a hash route, as the host page would. */
export function renderAt(hash: string, config: Partial<HostConfig> = {}) {
  window.location.hash = hash;
  return render(<App api={new Api({ apiBase: "", csrfHeader: "", csrfToken: "", ...config })} />);
}
