#!/usr/bin/env python3
"""Turns compare.sh's raw output into a Markdown table. Usage: compare_report.py OUT_DIR ROWS

Correctness: each tool's reported differing keys are classified as missing (only in the source), extra (only in the
target) or changed (in both, different values), and compared with inject.sh's expected.json: a run is correct when
it reports exactly the injected keys with the right kind (identical phase: no key at all)."""
import csv
import json
import os
import re
import sys

out, rows = sys.argv[1], int(sys.argv[2])


def obkc_found(rd):
    path = os.path.join(rd, "inconsistent-keys.json")
    kinds = {"MISSING_IN_TARGET": "missing", "EXTRA_IN_TARGET": "extra", "DIFFERENT_COLUMNS": "changed"}
    found = {}
    if os.path.exists(path):
        for t in json.load(open(path))["tables"]:
            for r in t["rows"]:
                found[str(r["key"][0])] = kinds.get(r["kind"], r["kind"])
    return found


def hashdiff_found(stdout):
    """reladiff/data-diff --json: one ["-"|"+", [key, ...]] per line; '-' = row of table 1, '+' = row of table 2."""
    signs = {}
    for line in open(stdout):
        line = line.strip()
        if not line.startswith("["):
            continue
        sign, values = json.loads(line)
        signs.setdefault(str(values[0]), set()).add(sign)
    return {k: "changed" if s == {"-", "+"} else ("missing" if s == {"-"} else "extra") for k, s in signs.items()}


def syncdiff_found(rd):
    """fix.sql: DELETE for rows only in the target, REPLACE for rows missing or changed in the target."""
    found = {}
    path = os.path.join(rd, "fix.sql")
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"DELETE FROM .* WHERE .*`id` = '?(-?\d+)'?", line)
            if m:
                found[m.group(1)] = "extra"
                continue
            m = re.match(r"REPLACE INTO .* VALUES \('?(-?\d+)'?", line)
            if m:
                found[m.group(1)] = "missing|changed"
    return found


def correct(found, expected):
    if set(found) != set(expected):
        return False
    return all(expected[k] in found[k].split("|") for k in expected)


expected = json.load(open(os.path.join(out, "expected.json"))) if os.path.exists(
    os.path.join(out, "expected.json")) else {}
names = {"obkc": "OBKC obkc-verify", "reladiff": "reladiff 0.6 (hashdiff)", "datadiff": "data-diff 0.11 (hashdiff)",
         "syncdiff": "sync_diff_inspector 5.0.3"}
print(f"Rows per side: {rows:,}. Statements and bytes are counted by the mysqlcount.py relays (per tool, exact);")
print("the MariaDB Δ columns are the server's global counters over the run (include other clients, if any).\n")
print("| phase | tool | run | time s | rows/s | load 1m/5m | statements MariaDB / seekdb | bytes to tool MariaDB / seekdb"
      " | MariaDB Δ Questions / Com_select / Bytes_sent | differences found | correct |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in csv.DictReader(open(os.path.join(out, "runs.tsv")), delimiter="\t"):
    id_ = f"{r['phase']}-{r['tool']}-{r['run']}"
    rd = os.path.join(out, id_)
    relay = {}
    for side in ("mariadb", "seekdb"):
        p = os.path.join(out, f"{id_}.relay-{side}.json")
        relay[side] = json.load(open(p)) if os.path.exists(p) else {}
    tool = r["tool"]
    if tool == "obkc":
        found = obkc_found(rd)
    elif tool == "syncdiff":
        found = syncdiff_found(rd)
    else:
        found = hashdiff_found(os.path.join(out, f"{id_}.out"))
    exp = expected if r["phase"] == "differences" else {}
    ok = correct(found, exp)
    # a tool that failed (exit code other than "differences found") did not verify anything
    logs = open(os.path.join(out, f"{id_}.err")).read() + open(os.path.join(out, f"{id_}.out")).read()
    failed = r["exit"] not in ("0", "1") or "[FATAL]" in logs or re.search(r"\] ERROR - ", logs) is not None
    secs = float(r["seconds"])
    desc = ", ".join(f"{k}:{v}" for k, v in sorted(found.items(), key=lambda kv: int(kv[0]))) or "none"
    if len(desc) > 120:
        desc = f"{len(found)} keys"
    verdict = f"ERROR (exit {r['exit']})" if failed else ("yes" if ok else "**no**")
    rate = "—" if failed else f"{rows / secs:,.0f}"
    print(f"| {r['phase']} | {names.get(tool, tool)} | {r['run']} | {secs:.1f} | {rate} | "
          f"{r['load1']} / {r['load5']} | {relay['mariadb'].get('statements', '?'):,} / "
          f"{relay['seekdb'].get('statements', '?'):,} | {relay['mariadb'].get('bytes_to_client', 0):,} / "
          f"{relay['seekdb'].get('bytes_to_client', 0):,} | {int(r['my_questions']):,} / {int(r['my_com_select']):,}"
          f" / {int(r['my_bytes_sent']):,} | {desc} | {verdict} |")
