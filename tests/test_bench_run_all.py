"""bench/run_all: the table it prints and the README block it replaces, on made-up rows.

The benchmarks themselves are not run here.
"""

from __future__ import annotations

import datetime as dt
import importlib.machinery
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load() -> ModuleType:
    path = ROOT / "bench" / "run_all"  # a script without .py: load it by hand
    loader = importlib.machinery.SourceFileLoader("bench_run_all", str(path))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


run_all = _load()
Row = run_all.Row


def test_table_has_one_row_per_figure_and_marks_missed_goals() -> None:
    rows = [
        Row("`evaluate` on 2,000 entities (median of 15)", "43.5 ms", "<= 50 ms", True, "bench_engine.py"),
        Row("sign a bundle / hash it", "0.125 s / 0.019 s = 6.7x", "<= 1.5x", False, "bench_signing.py"),
        Row("verify the same bundle", "0.078 s", "", None, "bench_signing.py"),
    ]
    assert run_all.format_table(rows) == (
        "| figure | measured | goal | script |\n"
        "|---|---|---|---|\n"
        "| `evaluate` on 2,000 entities (median of 15) | 43.5 ms | <= 50 ms | bench_engine.py |\n"
        "| sign a bundle / hash it | 0.125 s / 0.019 s = 6.7x | <= 1.5x: **not met** | bench_signing.py |\n"
        "| verify the same bundle | 0.078 s |  | bench_signing.py |\n"
    )


def test_cells_cannot_break_the_table() -> None:
    table = run_all.format_table([Row("a | b\nc", "1 s", "", None, "bench_x.py")])
    assert table.splitlines()[2] == "| a \\| b c | 1 s |  | bench_x.py |"


def test_a_missed_figure_without_goal_is_not_marked() -> None:
    assert run_all.goal_cell("", False) == ""
    assert run_all.goal_cell(">= 0.5", None) == ">= 0.5"


def test_rows_are_read_from_the_last_line_of_a_bench() -> None:
    figures = [{"figure": "screen", "measured": "0.31 s", "goal": "< 1 s", "met": True},
               {"figure": "parse", "measured": "0.02 s", "goal": "", "met": None}]
    stdout = "stray line\n" + json.dumps(figures) + "\n\n"
    assert run_all.parse_rows(stdout, "bench_screening.py") == [
        Row("screen", "0.31 s", "< 1 s", True, "bench_screening.py"),
        Row("parse", "0.02 s", "", None, "bench_screening.py"),
    ]


@pytest.mark.parametrize("stdout", ["", "{\"figure\": \"x\"}", "[1, 2]"])
def test_a_bench_without_rows_is_an_error(stdout: str) -> None:
    with pytest.raises(ValueError):
        run_all.parse_rows(stdout, "bench_x.py")


TEXT = """# Title

Text before.

<!-- bench:start -->
| figure | value | goal | script |
|---|---|---|---|
| old | 1 s | | bench_a.py |
<!-- bench:end -->

Text after.
"""


def test_only_the_block_between_the_markers_is_replaced() -> None:
    block = ("Machine: test.\n\n| figure | measured | goal | script |\n|---|---|---|---|\n"
             "| new | 2 s |  | bench_a.py |\n")
    replaced = run_all.replace_block(TEXT, block)
    assert replaced == TEXT.replace(
        "| figure | value | goal | script |\n|---|---|---|---|\n| old | 1 s | | bench_a.py |\n", block)
    assert run_all.replace_block(replaced, block) == replaced  # a second run changes nothing more


@pytest.mark.parametrize("text", [
    "no markers at all\n",
    "<!-- bench:start -->\nonly the start\n",
    "<!-- bench:end -->\n<!-- bench:start -->\n",
    TEXT + TEXT,
])
def test_markers_must_be_there_once_and_in_order(text: str) -> None:
    with pytest.raises(ValueError):
        run_all.replace_block(text, "x")


def test_the_readme_holds_the_markers_around_a_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split(run_all.START)[1].split(run_all.END)[0]
    lines = block.strip().splitlines()
    assert lines[0].startswith("Machine: ") and any(line.startswith("| figure |") for line in lines)
    assert run_all.replace_block(readme, block) == readme


def test_machine_line() -> None:
    cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nprocessor\t: 1\n"
    meminfo = "MemTotal:       24684084 kB\nMemFree:        23753256 kB\n"
    os_release = 'NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'
    line = run_all.machine_line(run_all.cpu_model(cpuinfo), 2, 2, run_all.memory_gib(meminfo),
                                run_all.os_name(os_release), "3.11.7", dt.date(2026, 11, 28))
    assert line == ("Machine: AMD EPYC 7B13, 2 cores, 23.5 GiB RAM, Debian GNU/Linux 12 (bookworm),"
                    " Python 3.11.7; 2026-11-28.")
    quick = run_all.machine_line("CPU", 4, 2, None, "OS", "3.12.1", dt.date(2026, 1, 2), quick=True)
    assert quick.startswith("Machine: CPU, 4 cores (2 usable here), RAM unknown, OS, Python 3.12.1;"
                            " 2026-01-02. Quick run")


def test_the_benches_run_in_the_readme_order_then_the_others(tmp_path: Path) -> None:
    for name in ("bench_gui.py", "bench_zeta.py", "bench_engine.py", "crash_harness.py", "figures.py"):
        (tmp_path / name).write_text("")
    assert [path.name for path in run_all.discover(tmp_path)] == [
        "bench_engine.py", "bench_gui.py", "bench_zeta.py", "crash_harness.py"]


def test_only_scripts_with_the_bench_options_are_run() -> None:
    assert run_all.offers_json("from figures import add_options\nadd_options(parser, quick='1 run')\n")
    assert run_all.offers_json("parser.add_argument('--json')\nparser.add_argument('--quick')\n")
    assert not run_all.offers_json("parser.add_argument('--iterations')\n")


def test_the_table_goes_into_the_readme_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(run_all, "python_version", lambda python: "3.11.7")
    monkeypatch.setattr(run_all, "discover", lambda folder: [tmp_path / "bench_foundation.py"])
    monkeypatch.setattr(run_all, "run_bench", lambda python, script, quick: (
        [Row("new", "2 s", "< 3 s", True, script.name)], None))
    assert run_all.main(["--quick", "--write-readme", str(readme)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("Machine: ") and "| new | 2 s | < 3 s | bench_foundation.py |" in printed
    assert readme.read_text(encoding="utf-8") == run_all.replace_block(TEXT, printed)


def test_a_failed_bench_is_in_the_table_and_the_readme_is_left_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(run_all, "python_version", lambda python: "3.11.7")
    monkeypatch.setattr(run_all, "discover", lambda folder: [tmp_path / "bench_foundation.py"])
    monkeypatch.setattr(run_all, "run_bench", lambda python, script, quick: ([], "exit 1: no figures"))
    assert run_all.main(["--write-readme", str(readme)]) == 1
    assert "| **failed** (see its output) | exit 1: no figures |  | bench_foundation.py |" in capsys.readouterr().out
    assert readme.read_text(encoding="utf-8") == TEXT


def test_quick_figures_never_go_into_the_real_readme() -> None:
    with pytest.raises(SystemExit):
        run_all.main(["--quick", "--write-readme"])
