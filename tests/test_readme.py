"""The README is the contract with a new user: its commands and its contract section stay true."""

from conftest import ROOT


def test_readme_shows_the_two_commands_first():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert [ln.split()[0:2] for ln in first_block.strip().splitlines()] == [["make", "run"], ["make", "test"]]


def test_readme_contract_is_generated_from_the_schemas():
    from schemas.doc import contract_markdown

    assert contract_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
