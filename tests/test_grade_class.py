"""python -m nndl.grade_class: the parallel autograde of a class, on a small real course."""
import pytest

from nndl.tools import course
from nndl.tools.grade import class_grader
from nndl.tools.author import submissions
from nndl.tools.grade.course_dir import temporary_course

AID = "01_numpy_basics"
pytestmark = pytest.mark.skipif(AID not in course.assignment_ids(), reason=f"{AID} not authored")


def test_grades_every_submission_and_prints_the_scores(capsys):
    total = course.total_points(course.read_notebook(course.source_path(AID)))
    with temporary_course([AID], prefix="nndl-gradeclass-") as c:
        c.submit("ada", AID, submissions.make_submission(AID))
        c.submit("ben", AID, course.release_path(AID))
        status = class_grader.main(["--root", str(c.root), "--workers", "2"])
        out = capsys.readouterr().out
        assert status == 0, out
        assert c.scores() == {("ada", AID): (total, total), ("ben", AID): (0.0, total)}
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[-2:]}
    assert rows == {"ada": [f"{total:g}/{total:g}"] * 2, "ben": [f"0/{total:g}"] * 2}
    assert "autograding 2 submission(s) of 1 assignment(s) with 2 worker(s)" in out


def test_nothing_submitted_says_how_to_collect(tmp_path, capsys):
    assert class_grader.main(["--root", str(tmp_path)]) == 2
    assert "nbgrader collect" in capsys.readouterr().err


def test_an_assignment_the_gradebook_does_not_know_says_what_to_run(tmp_path, capsys):
    folder = tmp_path / "submitted" / "ada" / AID
    folder.mkdir(parents=True)
    (folder / f"{AID}.ipynb").write_text(course.release_path(AID).read_text())
    assert class_grader.main(["--root", str(tmp_path), AID, "02_not_there"]) == 2
    err = capsys.readouterr().err
    assert f"nbgrader generate_assignment {AID} --force" in err
    assert "02_not_there: no submission" in err
