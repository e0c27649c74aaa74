# Shared set-up steps for scripts/test and scripts/demo. Each is idempotent and quiet when done already.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_fashion_mnist() {
  if [ ! -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ]; then
    echo "Installing Fashion-MNIST (Debian package dataset-fashion-mnist)..."
    apt_install dataset-fashion-mnist
  fi
}

ensure_prometheus() {
  if ! command -v prometheus >/dev/null 2>&1; then
    echo "Installing Prometheus (Debian package prometheus) for the dashboard tests..."
    apt_install prometheus
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium (Debian package chromium) for the lineage page's browser test..."
    apt_install chromium
  fi
}

ensure_postgresql() {
  if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "Starting PostgreSQL..."
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  fi
}

# ND4J's OpenBLAS 0.3.19 does not know CPUs newer than it and falls back to its SSE3 kernels ("Prescott"),
# several times slower (docs/results/throughput-prescott.md); name the kernels this CPU can run, unless
# OPENBLAS_CORETYPE is set already. It must be in the environment before the JVM loads the library.
choose_openblas_coretype() {
  if [[ -z "${OPENBLAS_CORETYPE+set}" ]] && grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
    if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX; else export OPENBLAS_CORETYPE=Haswell; fi
  fi
}
