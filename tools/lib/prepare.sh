# Sourced by tools/run and tools/test: make sure the Debian packages are
# there, configure build/ once, and compile.  With CI=true warnings are
# errors and nothing asks questions.

SV39COW_PACKAGES=(clang lld llvm qemu-system-misc opensbi meson ninja-build
                  device-tree-compiler libcmocka-dev python3 pkg-config)

prepare_packages() {
	local missing=() pkg
	for pkg in "${SV39COW_PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null |
			grep -q "install ok installed" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "installing: ${missing[*]}"
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

prepare_build() {
	local werror=false
	[ "${CI:-}" = true ] && werror=true
	if [ ! -f build/build.ninja ]; then
		meson setup build --cross-file cross-riscv64.ini \
			-Dwerror="$werror" >/dev/null
	else
		meson configure build -Dwerror="$werror"
	fi
	ninja -C build >/dev/null || ninja -C build
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
prepare_packages
prepare_build
