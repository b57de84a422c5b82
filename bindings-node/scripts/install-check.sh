#!/usr/bin/env bash
# Packs @telegent/sdk (`npm pack`, with the built addon inside), installs the tarball into an empty
# project with no Rust toolchain on PATH, and runs the quick-start example from there: what a user
# of the published package does. Prints the tarball and installed sizes.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
out="$root/target/node-package"
rm -rf "$out"
mkdir -p "$out/pack" "$out/app"
(cd bindings-node && npm pack --silent --pack-destination "$out/pack" >/dev/null)
tarball=$(ls "$out"/pack/*.tgz)
node_dir=$(dirname "$(command -v node)")
# Only node's own directory and the system's: no cargo, rustc or compiler from the developer's PATH.
clean_path="$node_dir:/usr/bin:/bin"
if PATH="$clean_path" command -v cargo >/dev/null 2>&1 || PATH="$clean_path" command -v rustc >/dev/null 2>&1; then
  echo "install-check: cargo or rustc is still on the clean PATH ($clean_path); cannot prove a toolchain-free install" >&2
  exit 1
fi
cd "$out/app"
printf '{ "name": "telegent-install-check", "private": true, "type": "module" }\n' > package.json
PATH="$clean_path" npm install --silent --no-audit --no-fund "$tarball"
cp "$root/examples/node/quickstart.mjs" .
PATH="$clean_path" node quickstart.mjs | tail -1
tar_kb=$(( $(stat -c %s "$tarball") / 1024 ))
installed_kb=$(du -sk node_modules/@telegent/sdk | cut -f1)
echo "npm tarball $(basename "$tarball"): ${tar_kb} KiB; installed: ${installed_kb} KiB"
