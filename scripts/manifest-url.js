// The manifest for a deployment: every development URL (https://localhost:3000/) replaced by the
// production address, as the Office add-in template's copy step does. Used by webpack.config.js.

const DEV_URL = "https://localhost:3000/";

/** `url` must be an https address; a trailing slash is added when missing. */
function manifestFor(xml, url) {
  if (!/^https:\/\/[^\s"<>]+$/.test(url))
    throw new Error(
      `IOP_BUDGET_URL must be an https:// address, not ${JSON.stringify(url)}`,
    );
  const base = url.endsWith("/") ? url : `${url}/`;
  // Page and icon URLs take the whole address; AppDomain takes its origin.
  return xml
    .split(DEV_URL)
    .join(base)
    .split(DEV_URL.slice(0, -1))
    .join(new URL(base).origin);
}

module.exports = { DEV_URL, manifestFor };
