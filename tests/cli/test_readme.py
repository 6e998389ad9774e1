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
