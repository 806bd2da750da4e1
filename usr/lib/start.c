/* Where exec starts a program: a0 = argc, a1 = argv; main's return value
 * becomes the exit status. */
#include "user.h"

int main(int argc, char **argv);

__attribute__((noreturn)) void _start(int argc, char **argv)
{
	exit(main(argc, argv));
}
