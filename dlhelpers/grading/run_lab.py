"""``python -m dlhelpers.grading.run_lab [options]``: JupyterLab, as ``python -m jupyterlab`` starts it,
less the 2-3 s that importing ``rfc3987-syntax`` costs (``quick_imports``): a student's lab starts sooner."""

import sys

from .quick_imports import skip_slow_optional_imports

if __name__ == "__main__":
    skip_slow_optional_imports()
    from jupyterlab.labapp import main

    sys.exit(main())
