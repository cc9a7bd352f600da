# SPDX-License-Identifier: GPL-2.0-only
# Booted with kvm-arm.mode=protected: pKVM holds EL2 and removed the stub.
# The module refuses to load, says why, and Linux carries on.
# expect: JH-INIT-START
# expect: jh: KVM runs in protected mode and holds EL2
# expect: jh: not loaded
# expect: ^\[rc=[1-9][0-9]*\] insmod /lib/modules/jh.ko
# expect: ^alive after refusal$
mustfail insmod /lib/modules/jh.ko
echo "alive after refusal"
