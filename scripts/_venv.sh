# Sourced by the scripts in this folder: make a virtual environment with importer_app installed.
# Usage: . scripts/_venv.sh LOCK   (LOCK: "app" or "test", a file in requirements/)
#
# By default the exact versions of requirements/LOCK.txt are installed, each file checked against
# its SHA-256, into ./.venv. With IMPORTER_APP_LATEST=1 the newest versions pyproject.toml allows
# are installed instead, into ./.venv-latest, to see the next break on purpose.
# PYTHON picks the interpreter (default python3), e.g. PYTHON=python3.12 scripts/demo.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lock="$root/requirements/$1.txt"
python="${PYTHON:-python3}"
latest="${IMPORTER_APP_LATEST:-0}"

python_ok() {  # does "$1" run, and is it Python 3.11 or newer?
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

if ! command -v "$python" >/dev/null 2>&1 || ! python_ok "$python"; then
  found="$("$python" --version 2>&1 || echo "no $python")"
  echo "importer_app needs Python 3.11 or newer; $python is ${found}." >&2
  echo "Install one (Debian/Ubuntu: apt-get install python3.11 python3.11-venv) and name it, e.g." \
       "PYTHON=python3.11 $0" >&2
  exit 2
fi

if [ "$latest" = 1 ]; then venv="$root/.venv-latest"; else venv="$root/.venv"; fi
# A folder left by an older Python, or by a venv that broke half-way, is rebuilt, not reused.
if [ -e "$venv" ] && ! python_ok "$venv/bin/python"; then
  echo "Rebuilding $venv: it was made with an older or broken Python." >&2
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  if ! "$python" -m venv "$venv"; then
    rm -rf "$venv"
    echo "$python cannot create a virtual environment (Debian/Ubuntu: apt-get install python3-venv)." >&2
    exit 2
  fi
fi

pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
if [ "$latest" = 1 ]; then
  extras=""
  [ "$1" = test ] && extras="[test]"
  "${pip[@]}" install --upgrade --upgrade-strategy eager -e "$root$extras"
else
  # Installing is skipped while the lock and pyproject.toml are what was installed last time.
  stamp="$venv/.installed-lock"
  want="$(cat "$lock" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1) $1"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "${pip[@]}" install --require-hashes -r "$lock"
    "${pip[@]}" install --no-deps -e "$root"
    echo "$want" > "$stamp"
  fi
fi
