// Modules that Vite plugins of this project make up at build time (see scripts/build/).
declare module "virtual:kinvisit/client-assets" {
  const assets: import("../scripts/build/client-assets").ClientAssets;
  export default assets;
}
