import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Api, hostConfig } from "./api";
import { App } from "./App";
import "./styles.css";

const root = document.getElementById("root");
if (!root) {
  throw new Error("the page has no #root element");
}
createRoot(root).render(
  <StrictMode>
    <App api={new Api(hostConfig(root))} />
  </StrictMode>,
);
