#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Render a man page with every groff warning enabled; any warning fails.
set -u
out=$(groff -man -Tutf8 -ww -z "$1" 2>&1)
if [ -n "$out" ]; then
	echo "$out"
	exit 1
fi
