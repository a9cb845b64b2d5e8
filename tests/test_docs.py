"""Tests that check the docs: every setting and every CLI command is documented."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_setting_is_documented_and_nothing_else():
    from ingest.settings import SETTINGS

    documented = set(re.findall(r"`(NEWSGRAPH_[A-Z0-9_]+)`", (ROOT / "docs" / "settings.md")
                                .read_text()))
    assert documented == set(SETTINGS)


def test_every_cli_command_is_documented():
    from typer.main import get_command

    from api.cli import app

    root = get_command(app)
    text = (ROOT / "docs" / "cli.md").read_text()
    names = []
    for name, command in root.commands.items():
        sub = getattr(command, "commands", None)
        if sub:
            names += [f"{name} {s}" for s in sub]
        else:
            names.append(name)
    missing = [n for n in names if f"newsgraph {n}" not in text]
    assert not missing, f"undocumented commands in docs/cli.md: {missing}"


def test_readme_opens_with_audience_then_two_commands():
    readme = (ROOT / "README.md").read_text()
    head = readme[:1500]
    assert "journalist" in head.lower()
    assert head.index("make run") < head.index("make test")


def test_every_event_type_is_documented_in_the_taxonomy():
    from ontology import load_taxonomy

    for name, et in load_taxonomy().event_types.items():
        assert et.definition and et.label, name
