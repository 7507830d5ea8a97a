"""`shortpath check --format sarif` read by a SARIF library (pydantic-sarif validates the whole
document against the SARIF 2.1.0 schema's model) and compared with `--format json`."""
import json
import subprocess

from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from conftest import BINARY, ROOT, TODAY


def check(format):
    result = subprocess.run([BINARY, "check", "--format", format, "--source", str(ROOT), "--today", TODAY],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    return result.stdout


def test_sarif_matches_the_json_report():
    log = SarifLog.model_validate_json(check("sarif"))
    findings = json.loads(check("json"))["findings"]
    assert log.version.value == "2.1.0"
    [run] = log.runs
    rules = run.tool.driver.rules
    assert len({rule.id for rule in rules}) == len(rules)
    assert {f["rule"] for f in findings} <= {rule.id for rule in rules}
    assert len(run.results) == len(findings)
    level = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(run.results, findings):
        assert result.ruleId == finding["rule"]
        assert rules[result.ruleIndex].id == finding["rule"]
        assert result.level.value == level[finding["severity"]]
        assert result.message.text == f"{finding['message']}\nhint: {finding['hint']}"
        [location] = result.locations
        physical = location.physicalLocation
        assert physical.artifactLocation.uri == finding["file"]
        assert (physical.region.startLine, physical.region.startColumn) == (finding["line"], finding["column"])
    counts = {name: sum(1 for r in run.results if r.level.value == name) for name in ("error", "warning", "note")}
    assert counts == {name: sum(1 for f in findings if level[f["severity"]] == name) for name in counts}
    rollback = next(rule for rule in rules if rule.id == "rollback-missing")
    assert rollback.defaultConfiguration.level.value == "error"
    assert rollback.help.text and rollback.shortDescription.text
