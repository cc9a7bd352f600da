# SPDX-License-Identifier: GPL-2.0-only
# -cpu max without id_aa64mmfr1.vh=0: Linux runs at EL2 with VHE, so
# there is no hyp stub to take EL2 from. The module refuses to load,
# says why, and Linux carries on.
# expect: JH-INIT-START
# expect: jh: Linux runs at EL2 \(VHE\)
# expect: jh: not loaded
# expect: ^\[rc=[1-9][0-9]*\] insmod /lib/modules/jh.ko
# expect: ^no /dev/jh$
# expect: ^alive after refusal$
mustfail insmod /lib/modules/jh.ko
test -e /dev/jh || echo "no /dev/jh"
echo "alive after refusal"
