#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Keep the rule table, its documentation and its examples in agreement.

usage:
  lint_examples.py catalogue JH_LINT EXAMPLES_DIR
      every rule has tests/golden/lint/<rule>/fail*.yaml and pass*.yaml,
      and every folder there is a rule
  lint_examples.py docs JH_LINT HAZARDS_MD
      doc/hazards.md is exactly `jh-lint --list-rules=markdown`
  lint_examples.py run JH_LINT EXAMPLES_DIR [RULE...]
      each failing example is reported by exactly its rule (and the exit
      status matches the rule's severity); each passing example is clean
  lint_examples.py clean JH_LINT DIR
      every DIR/*.yaml lints clean (no errors, no warnings)
"""
import glob
import json
import os
import subprocess
import sys


def rules(lint):
    out = subprocess.run([lint, "--list-rules=json"], check=True,
                         capture_output=True, text=True).stdout
    return {r["id"]: r for r in json.loads(out)}


def lint_json(lint, path, *extra):
    p = subprocess.run([lint, "--format=json", *extra, path],
                       capture_output=True, text=True, timeout=60)
    if p.returncode not in (0, 1):
        return p.returncode, None, p.stderr
    try:
        return p.returncode, json.loads(p.stdout), p.stderr
    except json.JSONDecodeError as e:
        return p.returncode, None, "bad JSON: %s\n%s" % (e, p.stderr)


def describe(doc):
    lines = []
    for d in doc["diagnostics"]:
        loc = d["location"]
        lines.append("  %s:%s: %s: %s [%s]" % (
            loc.get("file"), loc.get("line", loc.get("offset")),
            d["severity"], d["message"], d["rule"]))
    return "\n".join(lines)


def catalogue(lint, root):
    problems = []
    table = rules(lint)
    for rid in table:
        d = os.path.join(root, rid)
        if not glob.glob(os.path.join(d, "fail*.yaml")):
            problems.append("rule %s has no failing example %s/fail*.yaml"
                            % (rid, d))
        if not glob.glob(os.path.join(d, "pass*.yaml")):
            problems.append("rule %s has no passing example %s/pass*.yaml"
                            % (rid, d))
    for d in sorted(glob.glob(os.path.join(root, "*", ""))):
        name = os.path.basename(os.path.dirname(d))
        if name not in table:
            problems.append("folder %s names no rule" % d)
    return problems


def docs(lint, path):
    want = subprocess.run([lint, "--list-rules=markdown"], check=True,
                          capture_output=True, text=True).stdout
    try:
        with open(path) as f:
            have = f.read()
    except OSError as e:
        return ["cannot read %s: %s" % (path, e)]
    if have == want:
        return []
    return ["%s differs from `jh-lint --list-rules=markdown`; regenerate "
            "it with: jh-lint --list-rules=markdown > doc/hazards.md" % path]


def run(lint, root, only):
    table = rules(lint)
    problems = []
    count = 0
    for rid in sorted(table):
        if only and rid not in only:
            continue
        sev = table[rid]["severity"]
        for path in sorted(glob.glob(os.path.join(root, rid, "fail*.yaml"))):
            count += 1
            rc, doc, err = lint_json(lint, path)
            if doc is None:
                problems.append("%s: jh-lint failed (%d): %s" % (path, rc,
                                                                 err))
                continue
            got = {d["rule"] for d in doc["diagnostics"]
                   if not d["suppressed"]}
            if got != {rid}:
                problems.append("%s: expected exactly {%s}, got %s\n%s" % (
                    path, rid, sorted(map(str, got)), describe(doc)))
                continue
            want_rc = 1 if sev == "error" else 0
            if rc != want_rc:
                problems.append("%s: exit status %d, expected %d" % (
                    path, rc, want_rc))
            if sev == "warning":
                rc, _, _ = lint_json(lint, path, "-Werror")
                if rc != 1:
                    problems.append("%s: -Werror did not fail" % path)
        for path in sorted(glob.glob(os.path.join(root, rid, "pass*.yaml"))):
            count += 1
            rc, doc, err = lint_json(lint, path)
            if doc is None:
                problems.append("%s: jh-lint failed (%d): %s" % (path, rc,
                                                                 err))
                continue
            live = [d for d in doc["diagnostics"] if not d["suppressed"]]
            if live or rc != 0:
                problems.append("%s: expected clean, exit %d\n%s" % (
                    path, rc, describe(doc)))
    if count == 0:
        problems.append("no examples found under %s" % root)
    return problems


def clean(lint, root):
    problems = []
    files = sorted(glob.glob(os.path.join(root, "*.yaml")))
    if not files:
        # visible as SKIP in the test log (exit 77), not as a pass
        print("SKIP: no *.yaml in %s yet" % root)
        sys.exit(77)
    for path in files:
        rc, doc, err = lint_json(lint, path)
        if doc is None:
            problems.append("%s: jh-lint failed (%d): %s" % (path, rc, err))
            continue
        live = [d for d in doc["diagnostics"] if not d["suppressed"]]
        if live or rc != 0:
            problems.append("%s: not clean (exit %d)\n%s" % (
                path, rc, describe(doc)))
    if not problems:
        print("ok: %d files lint clean" % len(files))
    return problems


def main():
    mode, lint, arg = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "catalogue":
        problems = catalogue(lint, arg)
    elif mode == "docs":
        problems = docs(lint, arg)
    elif mode == "run":
        problems = run(lint, arg, set(sys.argv[4:]))
    elif mode == "clean":
        problems = clean(lint, arg)
    else:
        print(__doc__)
        return 2
    for p in problems:
        print("FAIL: " + p)
    if not problems:
        print("ok: %s" % mode)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
