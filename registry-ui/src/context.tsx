import { createContext, useCallback, useContext, useEffect, useRef, useState } from "react";
import { Api, ApiError } from "./api";

const ApiContext = createContext<Api | null>(null);

export const ApiProvider = ApiContext.Provider;

/** The API client the host configured. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) {
    throw new Error("useApi outside ApiProvider");
  }
  return api;
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data when the inputs change; reload() fetches again without clearing what is shown, so a
 * refresh (after a write, or a RUNNING run's poll) does not flash the page.
 */
export function useLoad<T>(load: (api: Api) => Promise<T>, inputs: unknown[]): Loaded<T> {
  const api = useApi();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    setData(null);
  }, inputs); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const request = ++latest.current;
    setLoading(true);
    load(api).then(
      (value) => {
        if (request === latest.current) {
          setData(value);
          setError(null);
          setLoading(false);
        }
      },
      (e: unknown) => {
        if (request === latest.current) {
          setError(e instanceof ApiError ? e : new ApiError(0, "INTERNAL", String(e)));
          setLoading(false);
        }
      },
    );
  }, [...inputs, generation]); // eslint-disable-line react-hooks/exhaustive-deps

  return { data, error, loading, reload };
}
