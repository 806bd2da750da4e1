/* What boot learned, for the code that runs after it. */
#pragma once

#include "arch/machine.h"

extern const struct machine *boot_machine;
