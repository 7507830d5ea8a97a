"""The CI definitions in examples/ci/: valid YAML of the expected shape, and the shortpath
commands they run work on the example inventory."""
import json
import pathlib
import shlex
import shutil
import subprocess

import yaml

from conftest import BINARY, ROOT

EXAMPLES = ROOT / "examples" / "ci"


def shortpath_commands(lines):
    for line in lines:
        for part in line.split("\n"):
            part = part.strip()
            if part.startswith("shortpath "):
                yield part


def run(command, cwd):
    # The pipeline's `|| true` lets check's exit 1 through; the variables are CI's own.
    command = command.replace("|| true", "").replace('"$CI_PAGES_URL/"', "https://inventory.internal.example/")
    words = shlex.split(command)
    redirect = words.index(">") if ">" in words else None
    args, target = (words[:redirect], words[redirect + 1]) if redirect else (words, None)
    result = subprocess.run([BINARY] + args[1:] + ["--today", "2026-11-27"], cwd=cwd, capture_output=True, text=True)
    assert result.returncode in (0, 1), f"{command}: {result.stderr}"
    if target:
        (cwd / target).write_text(result.stdout)
    return result


def test_gitlab_pipeline(tmp_path):
    pipeline = yaml.safe_load((EXAMPLES / "gitlab-ci.yml").read_text())
    assert pipeline["stages"] == ["check", "publish"]
    assert pipeline["inventory-check"]["artifacts"]["reports"] == {"junit": "shortpath-junit.xml", "codequality": "gl-code-quality-report.json"}
    shutil.copytree(ROOT / "content", tmp_path / "content")
    commands = list(shortpath_commands(pipeline["inventory-check"]["script"] + pipeline["inventory-site"]["script"]))
    assert len(commands) == 4
    for command in commands:
        run(command, tmp_path)
    report = json.loads((tmp_path / "gl-code-quality-report.json").read_text())
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(issue) for issue in report)
    assert (tmp_path / "public" / "index.html").is_file()
    assert "<testsuites" in (tmp_path / "shortpath-junit.xml").read_text()


def test_github_workflow(tmp_path):
    workflow = yaml.safe_load((EXAMPLES / "github-workflow.yml").read_text())
    assert set(workflow["jobs"]) == {"check", "site"}
    steps = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    shutil.copytree(ROOT / "content", tmp_path / "content")
    commands = list(shortpath_commands(steps))
    assert len(commands) == 3
    for command in commands:
        run(command, tmp_path)
    annotate = next(step for step in steps if "::" in step)
    script = annotate.split('python3 -c "', 1)[1].rsplit('"', 1)[0].replace('\\"', '"')
    script = "\n".join(line[10:] if line.startswith(" " * 10) else line for line in script.split("\n"))
    out = subprocess.run(["python3", "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "::error file=content/services/order-worker.md,line=2,col=1,title=rollback-missing::" in out.stdout
