"""dlhelpers: the helper package of a from-scratch numpy deep-learning course.

Public modules, one idea each:

- ``dlhelpers.datasets``: the cat photos (found locally or downloaded, SHA-256 verified), a
  synthetic stand-in, one user photo, and 2-D toy data (``make_flower``, ``make_planar_datasets``,
  ``make_wavy_boundary``, ``make_moons``).
- ``dlhelpers.gradcheck``: numerical gradients, relative error, and a per-parameter gradient check.
- ``dlhelpers.plotting``: cost curves, image grids, mislabeled images, decision boundaries.
- ``dlhelpers.checks``: student-facing checks that say what was expected, what came back and
  the likely mistake.
- ``dlhelpers.grading``: the nbgrader pipeline for instructors and self-study learners, the
  sandboxed grading kernel, and the self-check.

Convention everywhere: examples are columns, ``X`` has shape ``(n_x, m)``, labels ``(1, m)``.
The package never contains the solution of a graded exercise.
"""

__version__ = "0.1.0"
