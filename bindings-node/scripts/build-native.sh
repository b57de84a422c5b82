#!/usr/bin/env bash
# Builds the native half of the Node package and puts it where the package loads it from:
# bindings-node/telegent.linux-x64-gnu.node (gitignored).
#
#   bash bindings-node/scripts/build-native.sh            # release profile
#   PROFILE=dist bash bindings-node/scripts/build-native.sh   # what the package ships (smaller)
#
# Honours CARGO_TARGET_DIR (default: <repo>/target). Builds only this crate.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/.." && pwd)"
profile="${PROFILE:-release}"
target_dir="${CARGO_TARGET_DIR:-$repo/target}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) triple="linux-x64-gnu" ;;
  Linux-aarch64) triple="linux-arm64-gnu" ;;
  *) echo "build-native.sh: no package name known for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

cd "$repo"
CARGO_TARGET_DIR="$target_dir" cargo build --profile "$profile" -p telegent-node

# cargo's output folder for the `dev` profile is `debug`; every other profile has its own name.
out_dir="$profile"
[ "$profile" = "dev" ] && out_dir="debug"
built="$target_dir/$out_dir/libtelegent_node.so"
dest="$here/telegent.$triple.node"
cp "$built" "$dest.tmp"
mv "$dest.tmp" "$dest"
echo "$dest ($(du -h "$dest" | cut -f1), $profile)"
