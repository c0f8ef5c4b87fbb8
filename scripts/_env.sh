# Shared by scripts/run and scripts/test: a Python 3.11+ virtual environment in .venv
# with the project installed in it, plus the Debian packages named in $1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "radiocode needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi

apt_install() {
  (($#)) || return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "Installing Debian packages: $*" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_venv() {
  local extras=$1
  if [ ! -x .venv/bin/python ]; then
    "$python" -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
    "$python" -m venv .venv
  fi
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[$extras]"
}
