"""Checks that a rendered manual page shows every command and option of the tool, in the
order swift-argument-parser's generate-manual writes them (each command's options, then its
subcommands), from `shortpath --experimental-dump-help`.

    python3 manual-covers.py commands.json manual.txt     (manual.txt: `man -P cat shortpath`)
"""
import json
import sys


def expected(command, root=True):
    """(what, label) in page order: a subcommand's name, then its options' first names."""
    if not root:
        yield "command", command["commandName"]
    for argument in command.get("arguments", []):
        if argument.get("shouldDisplay", True):
            names = argument.get("names") or []
            longs = [f"--{n['name']}" for n in names if n["kind"] == "long"]
            shorts = [f"-{n['name']}" for n in names if n["kind"] == "short"]
            yield "option", (shorts + longs)[0] if names else argument["valueName"]
    for subcommand in command.get("subcommands", []):
        if subcommand.get("shouldDisplay", True):
            yield from expected(subcommand, root=False)


def main(dump_path, manual_path):
    command = json.load(open(dump_path))["command"]
    lines = [line.strip() for line in open(manual_path, encoding="utf-8")]
    position, missing, count = 0, [], 0
    for what, label in expected(command):
        count += 1
        found = next((i for i in range(position, len(lines))
                      if lines[i] == label or lines[i].startswith((label + " ", label + ",", label + "..."))), None)
        if found is None:
            missing.append(f"{what} {label} (after line {position})")
        else:
            position = found + 1
    for item in missing:
        print(f"manual-covers: not on the page: {item}", file=sys.stderr)
    print(f"manual-covers: {count - len(missing)} of {count} commands and options on the page")
    return 1 if missing or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
