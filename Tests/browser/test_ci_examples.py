"""The CI definitions in examples/ci/ work as written: they validate against GitHub's and
GitLab's schemas (check-jsonschema's copies), their shell passes shellcheck, they install the
package `make deb` names, and every step after the install runs, as written, on the example
inventory with the built binary as `shortpath` and scripts/publish as `shortpath-publish`."""
import json
import os
import shutil
import subprocess
from datetime import datetime, timezone

import yaml

from conftest import BINARY, ROOT, TODAY

EXAMPLES = ROOT / "examples" / "ci"
DEB_NAME = subprocess.run(["make", "-s", "-C", str(ROOT), "deb-name"], capture_output=True, text=True, check=True).stdout.strip()


def validate(path, schema):
    result = subprocess.run(["check-jsonschema", "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def shellcheck(script):
    # GitHub runs a container job's steps with `sh -e`; GitLab's debian image runs them with sh too.
    result = subprocess.run(["shellcheck", "--shell=sh", "-"], input=script, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def inventory(tmp_path):
    """The example inventory in a fresh folder, and what a CI machine has after the install step."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "content", work / "content")
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "shortpath").symlink_to(BINARY)
    (tools / "shortpath-publish").symlink_to(ROOT / "scripts" / "publish")
    epoch = int(datetime.fromisoformat(TODAY).replace(tzinfo=timezone.utc).timestamp())
    env = {"PATH": f"{tools}:{os.environ['PATH']}", "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": str(epoch),
           "INVENTORY_DEST": str(tmp_path / "srv" / "inventory-releases")}
    return work, env


def run(script, cwd, env):
    return subprocess.run(["sh", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True)


def test_github_workflow(tmp_path):
    path = EXAMPLES / "github-workflow.yml"
    validate(path, "vendor.github-workflows")
    workflow = yaml.safe_load(path.read_text())
    [job] = workflow["jobs"].values()
    assert job["container"] == "debian:12"
    steps = job["steps"]
    for step in steps:
        if "run" in step:
            shellcheck(step["run"])
    install = steps[0]
    assert install["name"] == "Install shortpath"
    version = workflow["env"]["SHORTPATH_VERSION"]
    assert f"shortpath_{version}_amd64.deb" == DEB_NAME
    assert f'"./shortpath_${{SHORTPATH_VERSION}}_amd64.deb"' in install["run"]
    assert "shortpath --version" in install["run"]

    work, env = inventory(tmp_path)
    outputs = {}
    for step in steps[1:]:
        if "run" in step:
            # The step's own values, except secrets and variables, which the repository provides.
            own = {key: value for key, value in step.get("env", {}).items() if "${{" not in str(value)}
            outputs[step["name"]] = run(step["run"], work, env | own | {"SSH_KEY": ""})
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    sarif = json.loads((work / upload["with"]["sarif_file"]).read_text())
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 42
    gate = outputs["Check the inventory"]
    assert gate.returncode == 1, gate.stderr  # the example inventory has errors: the job fails there
    assert "::error file=content/services/order-worker.md,line=2,col=1,title=rollback-missing::" in gate.stdout
    publish = outputs["Build and publish the site"]
    assert publish.returncode == 0, publish.stderr
    assert (tmp_path / "srv" / "inventory-releases" / "current" / "index.html").is_file()
    assert all(result.returncode == 0 for name, result in outputs.items() if name != "Check the inventory")


def test_gitlab_pipeline(tmp_path):
    path = EXAMPLES / "gitlab-ci.yml"
    validate(path, "vendor.gitlab-ci")
    pipeline = yaml.safe_load(path.read_text())
    assert pipeline["image"] == "debian:12"
    assert pipeline["stages"] == ["check", "publish"]
    install = "\n".join(pipeline["default"]["before_script"])
    shellcheck(install)
    assert f"shortpath_{pipeline['variables']['SHORTPATH_VERSION']}_amd64.deb" == DEB_NAME
    assert "/packages/generic/shortpath/$SHORTPATH_VERSION/shortpath_${SHORTPATH_VERSION}_amd64.deb" in install
    check, site = pipeline["inventory-check"], pipeline["inventory-site"]
    assert check["artifacts"]["reports"] == {"junit": "shortpath-junit.xml", "codequality": "gl-code-quality-report.json"}

    work, env = inventory(tmp_path)
    env |= {"INVENTORY_SSH_KEY": ""}
    for job in (check, site):
        shellcheck("\n".join(job["script"]))
    checked = run("\n".join(check["script"]), work, env)
    assert checked.returncode == 1, checked.stderr  # the example inventory has errors: the gate fails
    report = json.loads((work / "gl-code-quality-report.json").read_text())
    assert len(report) == 42
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(issue) for issue in report)
    assert "<testsuites" in (work / "shortpath-junit.xml").read_text()
    published = run("\n".join(site["script"]), work, env)
    assert published.returncode == 0, published.stderr
    assert (work / site["artifacts"]["paths"][0] / "index.html").is_file()
    assert (tmp_path / "srv" / "inventory-releases" / "current" / "index.html").is_file()
