// Bundled into build/bin and run by the server bundle plugin at the end of `npm run build`: the empty,
// migrated PGlite cluster a new data folder starts from (db/pglite-template.ts).
import { bundleDir, makeTemplate } from "../../db/pglite-template";

const started = performance.now();
const { dir, bytes } = await makeTemplate(bundleDir);
console.log(`PGlite template ${dir} (${(bytes / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms`);
