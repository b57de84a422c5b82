"use strict";
// Loads the native addon shipped inside the package (built by scripts/build-native.sh). It is the
// only file that knows where the addon lives; a missing or foreign-platform addon is a clear error.

const path = require("node:path");

const file = path.join(__dirname, "..", `telegent.${process.platform}-${process.arch}-gnu.node`);

function load() {
  try {
    return require(file);
  } catch (e) {
    const error = new Error(
      `@telegent/sdk: the native addon for ${process.platform}-${process.arch} could not be loaded from ${file} ` +
        `(${e && e.message}). This package ships a prebuilt addon for linux-x64 (glibc); build one with ` +
        "`bash bindings-node/scripts/build-native.sh` from a checkout of the SDK.",
    );
    error.cause = e;
    throw error;
  }
}

module.exports = load();
