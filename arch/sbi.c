/*
 * SBI calling convention: a7 = extension id, a6 = function id, arguments in
 * a0..a5; the firmware returns an error code in a0 and a value in a1.
 */
#include "arch/sbi.h"

struct sbi_ret sbi_call(long ext, long fid, long a0, long a1, long a2)
{
	register long r_a0 __asm__("a0") = a0;
	register long r_a1 __asm__("a1") = a1;
	register long r_a2 __asm__("a2") = a2;
	register long r_a6 __asm__("a6") = fid;
	register long r_a7 __asm__("a7") = ext;
	__asm__ volatile("ecall"
			 : "+r"(r_a0), "+r"(r_a1)
			 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
			 : "memory");
	return (struct sbi_ret){ r_a0, r_a1 };
}

long sbi_spec_version(void)
{
	return sbi_call(SBI_EXT_BASE, 0, 0, 0, 0).value;
}

long sbi_impl_id(void)
{
	return sbi_call(SBI_EXT_BASE, 1, 0, 0, 0).value;
}

long sbi_impl_version(void)
{
	return sbi_call(SBI_EXT_BASE, 2, 0, 0, 0).value;
}


const char *sbi_impl_name(long id)
{
	/* Implementation ids registered in the SBI specification. */
	static const char *const names[] = {
		"Berkeley Boot Loader", "OpenSBI", "Xvisor", "KVM",
		"RustSBI", "Diosix", "Coffer", "Xen", "PolarFire HSS",
	};
	if (id >= 0 && id < (long)(sizeof names / sizeof names[0]))
		return names[id];
	return "unknown SBI";
}

void sbi_legacy_putchar(int c)
{
	sbi_call(0x01, 0, c, 0, 0); /* legacy extension 0x01: console putchar */
}

void sbi_set_timer(uint64_t when)
{
	sbi_call(SBI_EXT_TIME, 0, (long)when, 0, 0);
}

long sbi_hart_start(unsigned long hartid, uint64_t start_pa, long opaque)
{
	return sbi_call(SBI_EXT_HSM, 0, (long)hartid, (long)start_pa, opaque)
		.error;
}

void sbi_send_ipi(unsigned long hartid)
{
	/* hart_mask bit 0 stands for hart_mask_base: just this hart. */
	sbi_call(SBI_EXT_IPI, 0, 1, (long)hartid, 0);
}

void sbi_system_reset(int failure)
{
	/* type 0 = shutdown; reason 1 = system failure */
	sbi_call(SBI_EXT_SRST, 0, 0, failure ? 1 : 0, 0);
}
