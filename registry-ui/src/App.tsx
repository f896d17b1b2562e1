import { useEffect, useState } from "react";
import { Api } from "./api";
import { ApiProvider } from "./context";
import { ComparePage } from "./pages/ComparePage";
import { ModelListPage } from "./pages/ModelListPage";
import { ModelPage } from "./pages/ModelPage";
import { ProductionPage } from "./pages/ProductionPage";
import { RunPage } from "./pages/RunPage";
import { href, parseRoute } from "./routes";

function useHash(): string {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const changed = () => setHash(window.location.hash);
    window.addEventListener("hashchange", changed);
    return () => window.removeEventListener("hashchange", changed);
  }, []);
  return hash;
}

/** The registry UI: one page per hash route. */
export function App({ api }: { api: Api }) {
  const route = parseRoute(useHash());
  let page;
  switch (route.page) {
    case "models":
      page = <ModelListPage />;
      break;
    case "model":
      page = <ModelPage key={route.name} name={route.name} />;
      break;
    case "compare":
      page = <ComparePage name={route.name} versions={route.versions} />;
      break;
    case "production":
      page = <ProductionPage key={route.name} name={route.name} hours={route.hours} />;
      break;
    case "run":
      page = <RunPage key={route.runId} runId={route.runId} />;
      break;
    default:
      page = (
        <div className="error" role="alert">
          No page at #{route.hash}. <a href={href.models()}>All models</a>
        </div>
      );
  }
  return (
    <ApiProvider value={api}>
      <header className="top">
        <a href={href.models()}>Model registry</a>
      </header>
      <main>{page}</main>
    </ApiProvider>
  );
}
