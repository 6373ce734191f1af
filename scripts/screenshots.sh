#!/usr/bin/env bash
# Makes the README's screenshots of the real window in a finished run of the brief's scenario
# (tests/tools/screenshots.cpp: a local server plays the model, sandboxes are real).
#
#   scripts/screenshots.sh [OUTPUT FOLDER, default docs/screenshots]
#
# Renders on Qt's offscreen platform (no display needed), with a private keyring.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$ROOT/docs/screenshots}"
cmake --preset dev >/dev/null
cmake --build --preset dev -j "$(nproc 2>/dev/null || echo 2)" --target studio_screenshots
QT_QPA_PLATFORM=offscreen "$ROOT/tests/tools/with-keyring.sh" \
    "$ROOT/build/dev/tests/studio_screenshots" "$out"
