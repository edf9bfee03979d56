#!/usr/bin/env bash
# Dhyan for a class: N `streamlit run` replicas behind nginx on http://127.0.0.1:8080 (Ctrl-C stops all).
#   deploy/serve.sh            # 2 replicas
#   deploy/serve.sh 4 8501     # 4 replicas, nginx on port 8501
# Needs Debian's nginx (apt-get install nginx). The work is tools/serve.py; deploy/nginx.conf is the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
exec python -m tools.serve --replicas "${1:-2}" --port "${2:-8080}"
