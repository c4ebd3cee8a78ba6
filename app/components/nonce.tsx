// Carries the per-request CSP nonce from entry.server to the <script> tags Remix renders.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
