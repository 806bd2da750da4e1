# Sourced by tools/run and tools/test: make sure the Debian packages are
# there, configure build/ once, and compile.  With CI=true warnings are
# errors and nothing asks questions.  Works on a minimal Debian 12 or 13
# root (see README.md, "Supported platforms"; tools/fresh-check tries it).
#
# The caller sets SV39COW_PURPOSE to "run" (build only what booting needs)
# or "test" (build everything, and install the debugger the gdb test uses).

SV39COW_PACKAGES=(clang lld llvm qemu-system-misc opensbi meson ninja-build
                  device-tree-compiler libcmocka-dev python3 pkg-config)
SV39COW_TEST_PACKAGES=(gdb-multiarch graphviz chromium chromium-driver)
SV39COW_QEMU_MIN=7.2 # the oldest QEMU verified (Debian 12's)

say() { echo "sv39cow: $*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

package_missing() {
	! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

apt_install() {
	say "installing $*"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
	as_root env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The sanitizer runtime (libclang_rt.asan*.a) lives in a package named after
# clang's major version, which only the installed clang can tell.
clang_rt_package() {
	local major
	major=$(clang --version | sed -n 's/.*clang version \([0-9]*\)\..*/\1/p' | head -n 1)
	[ -n "$major" ] && echo "libclang-rt-$major-dev"
}

prepare_packages() {
	local wanted=("${SV39COW_PACKAGES[@]}") missing=() pkg rt
	[ "$SV39COW_PURPOSE" = test ] && wanted+=("${SV39COW_TEST_PACKAGES[@]}")
	for pkg in "${wanted[@]}"; do
		package_missing "$pkg" && missing+=("$pkg")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		apt_install "${missing[@]}" || return 1
	fi
	rt=$(clang_rt_package) || { say "cannot tell clang's version"; return 1; }
	if package_missing "$rt"; then
		apt_install "$rt" || return 1
	fi
}

# "7.2.0" -> 7002000, so versions compare as numbers.
version_number() {
	echo "$1" | awk -F. '{ printf "%d\n", $1 * 1000000 + $2 * 1000 + $3 }'
}

prepare_check_qemu() {
	local have
	have=$(qemu-system-riscv64 --version | sed -n 's/.*version \([0-9][0-9.]*\).*/\1/p' | head -n 1)
	if [ -z "$have" ]; then
		say "qemu-system-riscv64 does not say its version; is it installed?"
		return 1
	fi
	if [ "$(version_number "$have")" -lt "$(version_number "$SV39COW_QEMU_MIN")" ]; then
		say "QEMU $have is too old: sv39cow needs qemu-system-riscv64 $SV39COW_QEMU_MIN or later"
		say "(Debian 12 and 13 have it: apt-get install qemu-system-misc opensbi;"
		say " elsewhere install QEMU's RISC-V system emulator, with OpenSBI, from your distribution)"
		return 1
	fi
}

# build/.werror remembers the werror setting last given to meson, so an
# unchanged one costs no `meson configure` (half a second on every run).
prepare_configure() {
	local werror=false stamp=build/.werror
	[ "${CI:-}" = true ] && werror=true
	if [ ! -f build/build.ninja ]; then
		say "configuring build/ (meson)"
		local out
		out=$(meson setup build --cross-file cross-riscv64.ini \
			--native-file native-clang.ini -Dwerror="$werror" 2>&1) ||
			{ echo "$out"; return 1; }
	elif [ "$(cat "$stamp" 2>/dev/null)" != "$werror" ]; then
		meson configure build -Dwerror="$werror" >/dev/null || return 1
	fi
	echo "$werror" >"$stamp"
}

# On a terminal ninja shows one progress line; elsewhere (CI, a pipe) its
# output is kept to show only if the build fails.
prepare_compile() {
	local targets=()
	if [ "$SV39COW_PURPOSE" = run ]; then
		targets=(kernel.elf fs/fs.img)
		say "compiling the kernel and the file-system image"
	else
		say "compiling the kernel, the image, host tools and unit tests"
	fi
	if [ -t 1 ]; then
		ninja -C build "${targets[@]}"
		return
	fi
	local log=build/meson-logs/compile.log
	if ! ninja -C build "${targets[@]}" >"$log" 2>&1; then
		cat "$log"
		return 1
	fi
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
SV39COW_PURPOSE=${SV39COW_PURPOSE:-test}
prepare_packages || exit 1
prepare_check_qemu || exit 1
prepare_configure || exit 1
prepare_compile || exit 1
