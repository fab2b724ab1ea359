"""The course-authoring tools: what builds, checks and schedules the course around the library.

The kit has two products. The **learner-facing library** (:mod:`bsckit.scorecard`,
:mod:`bsckit.kpi`, :mod:`bsckit.spc`, :mod:`bsckit.data`, :mod:`bsckit.smart`,
:mod:`bsckit.widgets`, :mod:`bsckit.check`, :mod:`bsckit.charts`, ...) is what a notebook imports.
This subpackage is the other one, used by authors and instructors from the command line:

- :mod:`bsckit.course.build` and :mod:`bsckit.course.build_cli` - ``bsckit build``: data,
  papermill execution of every notebook, exercises
- :mod:`bsckit.course.exercises` - ``bsckit exercises``: learner copies written from solutions
- :mod:`bsckit.course.agenda` - ``bsckit agenda``: the workshop timetable
- :mod:`bsckit.course.notebook_params` - the ``parameters`` cell rules
- :mod:`bsckit.course.data_cli` - ``bsckit data``
- :mod:`bsckit.course.doctor` - ``bsckit doctor``
- :mod:`bsckit.course.cli` - the ``bsckit`` command itself

Imports go one way: this subpackage uses the library, the library never imports it (a test in
``tests/test_packaging.py`` keeps it so).
"""

__all__: list[str] = []  # the tools are imported by module: bsckit.course.build, ...
