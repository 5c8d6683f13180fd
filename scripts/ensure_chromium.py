"""Install Debian's Chromium for the browser tests when it is missing (the machines run as root)."""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print("Chromium is missing and cannot be installed here; browser tests will be skipped.")
        return 0
    print("Installing Debian's chromium for the browser tests...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    result = subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env)
    return 0 if result.returncode == 0 else 0  # browser tests skip themselves without it


if __name__ == "__main__":
    sys.exit(main())
