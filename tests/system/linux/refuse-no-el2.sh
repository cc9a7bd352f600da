# SPDX-License-Identifier: GPL-2.0-only
# -M virt without virtualization=on: the CPU has no EL2. The module
# refuses to load (it must not execute an hvc, which would be undefined
# and oops), says why, and Linux carries on.
# expect: JH-INIT-START
# expect: jh: EL2 is not available
# expect: jh: not loaded
# expect: ^\[rc=[1-9][0-9]*\] insmod /lib/modules/jh.ko
# expect: ^alive after refusal$
mustfail insmod /lib/modules/jh.ko
echo "alive after refusal"
