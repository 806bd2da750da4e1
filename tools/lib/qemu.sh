#!/usr/bin/env bash
# The one QEMU command line that boots sv39cow, for tools/run and the run
# targets `ninja -C build qemu` and `ninja -C build qemu-gdb`.
#   qemu.sh [--gdb] KERNEL IMAGE [KERNEL_ARGS]
# MEM and SMP from the environment size the machine (default: the meson
# options mem and smp, passed by meson as SV39COW_MEM/SV39COW_SMP, else
# 128M and 3).  With --gdb QEMU starts stopped and waits for gdb on
# 127.0.0.1:1234 (build/gdbinit connects there; a minimal root may have
# no /etc/hosts to say what "localhost" is).
set -euo pipefail

gdb=()
if [ "${1:-}" = --gdb ]; then
	gdb=(-S -gdb tcp:127.0.0.1:1234)
	shift
fi
[ $# -ge 2 ] || { echo "usage: qemu.sh [--gdb] KERNEL IMAGE [KERNEL_ARGS]" >&2; exit 2; }
mem=${MEM:-${SV39COW_MEM:-128M}}
smp=${SMP:-${SV39COW_SMP:-3}}
[ ${#gdb[@]} -eq 0 ] ||
	echo "qemu: $smp harts, $mem, waiting for gdb on 127.0.0.1:1234 (gdb-multiarch -x build/gdbinit)" >&2
exec qemu-system-riscv64 -machine virt -bios default -nographic \
	-m "$mem" -smp "$smp" -kernel "$1" -initrd "$2" -append "${3:-}" "${gdb[@]}"
