"""scripts/bench_grading.py: its options, its table and its CPU clock's fallback (nothing is timed here)."""
import importlib.util

import pytest

from nndl.tools import course


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_grading", course.ROOT / "scripts" / "bench_grading.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_options(bench):
    args = bench.parse_args([])
    assert (args.students, args.repeats, args.rows) == (6, 3, list(bench.ROWS))
    args = bench.parse_args(["--quick", "--only", "dnn", "grade-1"])
    assert (args.students, args.repeats, args.rows) == (2, 1, ["grade-1", "dnn"])  # in the table's order
    assert bench.parse_args(["--students", "4", "--quick"]).students == 4
    for wrong in (["--only", "nbgrader"], ["--students", "0"]):
        with pytest.raises(SystemExit):
            bench.parse_args(wrong)


def test_table_is_per_complete_submission(bench):
    rows = [bench.Row("grade-2", "nndl grade --workers 2, class of 4", 4, 40.0, 60.0, 8.0, 20.0, 2.25),
            bench.Row("nbgrader-one", "nbgrader autograde", 1, 20.0, 14.0, None, 6.0, 1.5)]
    checks = [{"aid": "01_numpy_basics", "own": 0.8, "check": 1.7, "cpu": 1.5},        # 0.9 s more, but 01 >= 1.5 s
              {"aid": "02_logistic_regression", "own": 2.0, "check": 2.9, "cpu": 2.5},  # 0.9 s more: met
              {"aid": "03_planar_classification", "own": 2.0, "check": 3.5}]           # 1.5 s more; no CPU
    dnn = {"layers": bench.LAYERS, "m": 209, "iteration": 0.010, "products": 0.008, "one_thread": 0.009,
           "gflop": 0.2, "best": "1 BLAS thread", "load": 1.0}
    text = bench.format_table(rows, checks, dnn, notes=["command: x"], cores=2, cpu_source="CPU: test")
    lines = text.splitlines()
    grade = next(line for line in lines if line.startswith("grade-2")).split()
    assert grade[-6:] == ["4", "10.0", "15.0", "2.0", "5.0", "2.2"]  # totals / 4 students; the load as it is
    one = next(line for line in lines if line.startswith("nbgrader-one")).split()
    assert one[-4:] == ["14.0", "-", "6.0", "1.5"]  # no driver column for nbgrader's own processes
    goals = {line.split()[0]: line.split()[-1] for line in lines if line[:2] in ("01", "02", "03")}
    assert goals == {"01_numpy_basics": "NOT", "02_logistic_regression": "met", "03_planar_classification": "NOT"}
    assert "0.90" in next(line for line in lines if line.startswith("02"))
    assert "fraction of the matmul rate: 80% (goal >= 70%; against 1 BLAS thread: 90%)" in text
    assert "2 cores; CPU: test" in text and lines[-1] == "command: x"


def test_dry_run_runs_nothing(bench, capsys, monkeypatch):
    monkeypatch.setattr(bench, "CpuClock", None)  # a real run would start by making its cgroup
    assert bench.main(["--dry-run", "--only", "check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("would run: check; class of 6; 3 repeat(s)")
    assert "nndl check per notebook" in out and out.rstrip().endswith("command: python scripts/bench_grading.py "
                                                                     "--dry-run --only check")


def test_cpu_clock_falls_back_to_the_machine(bench, monkeypatch, tmp_path):
    monkeypatch.setattr(bench.CpuClock, "CPUACCT", tmp_path / "no-cgroups" / "cpuacct")
    clock = bench.CpuClock()
    assert clock.kind == "machine" and "/proc/stat" in clock.describe()
    first = clock.read()
    assert 0 < first <= clock.read()
    clock.close()


def test_machine_speed_is_cpu_time_of_fixed_work(bench):
    """machine_speed: CPU-s of a fixed loop, proportional to its size (so runs at different speeds show it)."""
    small, large = bench.machine_speed(200_000), bench.machine_speed(2_000_000)
    assert 0 < small < large and 4 < large / small < 25
