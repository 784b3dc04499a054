# Sourced by the scripts in this folder: make ./.venv with the project installed.
# Usage: . scripts/_venv.sh EXTRAS   (EXTRAS: "" or "test")
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
spec="$root"
[ -n "${1:-}" ] && spec="$root[$1]"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$spec"
