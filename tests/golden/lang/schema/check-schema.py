#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate configuration files against schema/jh-config.schema.json.

  check-schema.py SCHEMA --good FILE...
      every file must validate (what editors using yaml-language-server see)
  check-schema.py SCHEMA --bad FRONT-CHECK FILE...
      every file must be rejected by the schema AND by the front end, so
      that the schema never promises something the compiler refuses less
      (or the other way round for these cases).

YAML is read with the YAML 1.2 core schema, as yaml-language-server does
(`00:01.0` stays a string; `yes` is not a boolean)."""
import json
import re
import subprocess
import sys

import jsonschema
import yaml


class Core12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema implicit typing."""


Core12Loader.yaml_implicit_resolvers = {}
for tag, regexp, first in [
        ("tag:yaml.org,2002:bool",
         r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$",
         ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:int",
         r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
        ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")]:
    Core12Loader.add_implicit_resolver(tag, re.compile(regexp), list(first))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0x"):
        return int(text[2:], 16)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 10)


Core12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)


def schema_errors(validator, path):
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml.load(f, Loader=Core12Loader)
    except yaml.YAMLError as e:
        return ["not YAML: %s" % e]
    errors = []
    for e in validator.iter_errors(data):
        # inside anyOf, name the alternative that came closest
        e = jsonschema.exceptions.best_match([e] + list(e.context)) \
            if e.context else e
        errors.append("%s: %s" % ("/".join(str(p) for p in e.absolute_path),
                                  e.message[:300]))
    return errors


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("--good", "--bad"):
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failed = 0
    if sys.argv[2] == "--good":
        for path in sys.argv[3:]:
            for err in schema_errors(validator, path):
                print("%s: schema: %s" % (path, err))
                failed += 1
            with open(path, encoding="utf-8") as f:
                head = f.readline()
            if "yaml-language-server: $schema=" not in head:
                print("%s: first line is not the schema modeline" % path)
                failed += 1
    else:
        front = sys.argv[3]
        for path in sys.argv[4:]:
            if not schema_errors(validator, path):
                print("%s: the schema accepts it" % path)
                failed += 1
            run = subprocess.run([front, path], capture_output=True,
                                 text=True, timeout=30)
            if run.returncode != 1:
                print("%s: the front end %s it (exit %d)\n%s" % (
                    path, "accepts" if run.returncode == 0 else "fails on",
                    run.returncode, run.stdout + run.stderr))
                failed += 1
    print("%d problem(s)" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
