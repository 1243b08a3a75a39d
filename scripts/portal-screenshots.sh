#!/usr/bin/env bash
# Regenerates the citizen portal's screenshots (390 x 844, full page) under docs/screenshots/portal/ by running the
# portal accessibility browser test with CQS_SCREENSHOT_DIR set.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export CQS_SCREENSHOT_DIR="$here/docs/screenshots/portal"
mkdir -p "$CQS_SCREENSHOT_DIR"
exec "$here/scripts/run-tests.sh" -q "tests/browser/test_portal_accessibility.py::test_main_portal_pages_have_no_serious_accessibility_violation[phone]"
