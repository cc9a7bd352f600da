#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validate jh's SARIF output against a subset of the SARIF 2.1.0 schema
(written here, covering the fields GitHub code scanning reads) and assert
the structure jh promises: rules from the table, repository-relative
locations, related locations, fingerprints, suppressions. Also checks the
versioned JSON report.

usage: validate_sarif.py EMIT_REPORT JH_LINT [EXAMPLES_DIR]"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

MESSAGE = {"type": "object", "required": ["text"],
           "properties": {"text": {"type": "string", "minLength": 1}}}
REGION = {
    "type": "object",
    "properties": {
        "startLine": {"type": "integer", "minimum": 1},
        "startColumn": {"type": "integer", "minimum": 1},
        "endColumn": {"type": "integer", "minimum": 1},
        "byteOffset": {"type": "integer", "minimum": 0},
    },
    "anyOf": [{"required": ["startLine"]}, {"required": ["byteOffset"]}],
}
ARTIFACT = {
    "type": "object", "required": ["uri"],
    "properties": {"uri": {"type": "string", "minLength": 1},
                   "uriBaseId": {"type": "string"}},
}
LOCATION = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "minimum": 0},
        "physicalLocation": {
            "type": "object", "required": ["artifactLocation"],
            "properties": {"artifactLocation": ARTIFACT, "region": REGION},
        },
        "logicalLocations": {"type": "array"},
        "message": MESSAGE,
    },
}
LEVEL = {"enum": ["none", "note", "warning", "error"]}
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["tool", "results"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"],
                         "properties": {"driver": {
                             "type": "object", "required": ["name", "rules"],
                             "properties": {
                                 "name": {"type": "string"},
                                 "version": {"type": "string"},
                                 "rules": {"type": "array", "items": {
                                     "type": "object",
                                     "required": ["id", "shortDescription",
                                                  "fullDescription",
                                                  "defaultConfiguration"],
                                     "properties": {
                                         "id": {"type": "string"},
                                         "shortDescription": MESSAGE,
                                         "fullDescription": MESSAGE,
                                         "help": MESSAGE,
                                         "defaultConfiguration": {
                                             "type": "object",
                                             "required": ["level"],
                                             "properties": {"level": LEVEL}},
                                     }}},
                             }}}},
                "originalUriBaseIds": {"type": "object"},
                "results": {"type": "array", "items": {
                    "type": "object",
                    "required": ["ruleId", "level", "message", "locations",
                                 "partialFingerprints"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": LEVEL,
                        "message": MESSAGE,
                        "locations": {"type": "array", "minItems": 1,
                                      "items": LOCATION},
                        "relatedLocations": {"type": "array",
                                             "items": LOCATION},
                        "partialFingerprints": {
                            "type": "object", "minProperties": 1,
                            "additionalProperties": {"type": "string"}},
                        "suppressions": {"type": "array", "items": {
                            "type": "object",
                            "required": ["kind", "justification"],
                            "properties": {
                                "kind": {"enum": ["inSource", "external"]},
                                "justification": {"type": "string",
                                                  "minLength": 1},
                                "location": LOCATION}}},
                    }}},
            }}},
    },
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_sarif(doc, rule_ids):
    jsonschema.validate(doc, SCHEMA)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if set(rule_ids) - set(ids):
        fail("rules missing from SARIF: %s" % (set(rule_ids) - set(ids)))
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    if not (base.startswith("file:///") and base.endswith("/")):
        fail("bad %SRCROOT% base " + base)
    results = run["results"]
    if len(results) != 4:
        fail("expected 4 results, got %d" % len(results))
    fps = set()
    for r in results:
        if "ruleIndex" in r and ids[r["ruleIndex"]] != r["ruleId"]:
            fail("ruleIndex does not match ruleId " + r["ruleId"])
        art = r["locations"][0]["physicalLocation"]["artifactLocation"]
        if art.get("uriBaseId") != "%SRCROOT%" or art["uri"].startswith("/"):
            fail("location not repository-relative: %s" % art)
        if art["uri"] != "cfg/my%20scenario.yaml":
            fail("unexpected uri " + art["uri"])
        fp = json.dumps(r["partialFingerprints"], sort_keys=True)
        if fp in fps:
            fail("duplicate fingerprint " + fp)
        fps.add(fp)
    conflict = results[0]
    if conflict["ruleId"] != "mem-overlap-cells" or conflict["level"] != "error":
        fail("first result wrong: %s" % conflict)
    reg = conflict["locations"][0]["physicalLocation"]["region"]
    if (reg["startLine"], reg["startColumn"]) != (12, 9):
        fail("wrong region %s" % reg)
    rel = conflict.get("relatedLocations", [])
    if len(rel) != 1 or rel[0]["physicalLocation"]["region"]["startLine"] != 7:
        fail("related location missing: %s" % rel)
    if "hint:" not in conflict["message"]["text"]:
        fail("hint missing from message")
    supp = results[1]
    if supp.get("suppressions", [{}])[0].get("justification") != "owns the PIT":
        fail("suppression/justification missing: %s" % supp)
    if any("suppressions" in r for r in results if r is not supp):
        fail("unsuppressed result carries suppressions")
    img = results[2]
    reg = img["locations"][0]["physicalLocation"]["region"]
    if reg.get("byteOffset") != 0x94:
        fail("image byte offset missing")
    if img["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] != \
            "memory_regions[2]":
        fail("image array/index missing")
    if results[3]["ruleId"] != "input-error" or "input-error" not in ids:
        fail("plain error without the pseudo rule")


def check_json(doc):
    if doc.get("version") != 1:
        fail("JSON report has no version 1")
    s = doc["summary"]
    if (s["errors"], s["warnings"], s["suppressed"], s["skipped_rules"]) != \
            (2, 1, 1, 12):
        fail("JSON summary wrong: %s" % s)
    d = doc["diagnostics"]
    if d[0]["notes"][0]["location"]["line"] != 7 or d[0]["hint"] is None:
        fail("JSON notes/hint missing")
    if not d[1]["suppressed"] or d[1]["suppression"]["reason"] != "owns the PIT":
        fail("JSON suppression missing")
    loc = d[2]["location"]
    if (loc["offset"], loc["array"], loc["index"]) != (0x94, "memory_regions", 2):
        fail("JSON image location wrong: %s" % loc)
    if d[3]["rule"] is not None:
        fail("plain error got a rule")


def main():
    emit, lint = sys.argv[1], sys.argv[2]
    listing = subprocess.run([lint, "--list-rules=json"], check=True,
                             capture_output=True, text=True).stdout
    rule_ids = [r["id"] for r in json.loads(listing)]
    with tempfile.TemporaryDirectory() as root:
        os.mkdir(os.path.join(root, "cfg"))
        path = os.path.join(root, "cfg", "my scenario.yaml")
        with open(path, "w") as f:
            f.write("jh: 1\n")
        out = subprocess.run([emit, "sarif", root, path], check=True,
                             capture_output=True, text=True).stdout
        check_sarif(json.loads(out), rule_ids)
        out = subprocess.run([emit, "json", root, path], check=True,
                             capture_output=True, text=True).stdout
        check_json(json.loads(out))
    if len(sys.argv) > 3:
        check_real(lint, sys.argv[3], set(rule_ids))
    print("ok: SARIF and JSON reports valid")


def check_real(lint, examples, rule_ids):
    """jh-lint's own SARIF for real YAML: a conflict and a suppression."""
    files = [os.path.join(examples, "mem-overlap-cells", "fail.yaml"),
             os.path.join(examples, "pio-machine-control",
                          "pass-suppressed.yaml")]
    p = subprocess.run([lint, "--format=sarif", "--srcroot", examples]
                       + files, capture_output=True, text=True)
    if p.returncode != 1:
        fail("jh-lint SARIF run: exit %d %s" % (p.returncode, p.stderr))
    doc = json.loads(p.stdout)
    jsonschema.validate(doc, SCHEMA)
    run = doc["runs"][0]
    if {r["id"] for r in run["tool"]["driver"]["rules"]} - {"input-error"} \
            != rule_ids:
        fail("SARIF rules differ from the rule table")
    res = {r["ruleId"]: r for r in run["results"]}
    if set(res) != {"mem-overlap-cells", "pio-machine-control"}:
        fail("unexpected results %s" % sorted(res))
    loc = res["mem-overlap-cells"]["locations"][0]["physicalLocation"]
    if loc["artifactLocation"]["uri"] != "mem-overlap-cells/fail.yaml":
        fail("uri not relative to --srcroot: %s" % loc)
    if not res["mem-overlap-cells"].get("relatedLocations"):
        fail("conflict without related location")
    supp = res["pio-machine-control"].get("suppressions")
    if not supp or "PIT" not in supp[0]["justification"]:
        fail("suppression reason not kept: %s" % supp)


if __name__ == "__main__":
    main()
