"""The README's examples work: the configuration validates and every rule family is documented."""

from __future__ import annotations

import re

from linter.config import load_config
from linter.rules import all_rules
from tests.support import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_configuration_example_is_valid(tmp_path):
    (block,) = re.findall(r"```yaml\n(select:.*?)```", README, flags=re.S)
    config_file = tmp_path / ".fflint.yaml"
    config_file.write_text(block)
    config = load_config(config_file)
    assert "S002" in config.ignore


def test_every_rule_family_is_in_the_readme_table():
    documented = set(re.findall(r"^\| ([A-Z]) \| ", README, flags=re.M))
    assert {code[0] for code in all_rules()} <= documented


def test_readme_test_command_is_marked_for_ci():
    assert re.search(r"<!-- test-command:start -->\n```sh\n.+pytest\n```\n<!-- test-command:end -->", README)


def _code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_every_fflint_command_in_the_readme_uses_real_options():
    import shlex

    from linter.cli import cli

    commands = []
    for block in _code_blocks("sh") + _code_blocks("yaml"):
        for line in block.splitlines():
            code = line.split(" #", 1)[0].strip().removeprefix("- ").removeprefix("run: ")
            if code.startswith("fflint "):
                commands.append(shlex.split(code)[1:])
    assert len(commands) >= 8 and ["check", "my_app.zip"] in commands
    for args in commands:
        if args == ["--version"]:
            continue  # an eager option: it prints and exits while parsing
        context = cli.make_context("fflint", list(args), resilient_parsing=False)
        name, command, rest = cli.resolve_command(context, args)
        command.make_context(name, rest, parent=context)  # raises on an unknown option or a bad choice


def test_the_ci_recipes_are_valid_yaml_and_upload_the_report_they_write():
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    recipes = {block.splitlines()[0]: yaml.load(block) for block in _code_blocks("yaml") if block.startswith("# .")}
    workflow = recipes["# .github/workflows/fflint.yml"]
    steps = workflow["jobs"]["fflint"]["steps"]
    lint = next(step["run"] for step in steps if step.get("name") == "Lint")
    upload = next(step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    assert "--format sarif" in lint and f"--output {upload['with']['sarif_file']}" in lint
    assert workflow["permissions"]["security-events"] == "write"
    gitlab = recipes["# .gitlab-ci.yml"]["fflint"]
    report = gitlab["artifacts"]["reports"]["codequality"]
    assert any(f"--format gitlab --output {report}" in line for line in gitlab["script"])
    assert gitlab["artifacts"]["when"] == "always"
    precommit = recipes["# .pre-commit-config.yaml"]["repos"][0]
    assert precommit["hooks"] == [{"id": "fflint"}] and "v0.1.0" not in precommit["rev"]


def test_every_output_format_is_documented():
    from linter.cli import FORMATS

    (row,) = [line for line in README.splitlines() if line.startswith("| `--format ")]
    assert row.split("`")[1] == "--format " + "\\|".join(FORMATS)
    formats_doc = (REPO_ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\| `([a-z]+)` \| ", formats_doc, flags=re.M)) == set(FORMATS)
