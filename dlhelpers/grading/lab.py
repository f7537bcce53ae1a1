"""The JupyterLab of each role: a student's shows student tools only, an instructor's all of nbgrader's.

nbgrader installs one lab extension with every tool in it. A student needs Validate, and the
Assignment List only when the course hands out work through the exchange; the Formgrader (with its
Generate and Release buttons), Create Assignment and the Course List are the instructor's. Each role's
lab gets its own settings folder (``LabApp.app_settings_dir``) with a ``page_config.json`` that turns
the other role's plugins off, and the matching server extensions are turned off on the command line.

Each role's lab also keeps its own workspaces (the tabs it had open) in the course folder, not in
``~/.jupyter``, shared by every lab on the machine. A student's first lab opens the start page.
"""

import json
from pathlib import Path

SETTINGS = ".jupyter-lab"  # in the course folder, git-ignored: <role>/page_config.json, overrides.json, workspaces/
NBGRADER = "@jupyter/nbgrader"
INSTRUCTOR_PLUGINS = ("formgrader", "create-assignment", "course-list")
EXCHANGE_PLUGINS = ("assignment-list", "menu")  # the menu's items are the Assignment and Course lists
INSTRUCTOR_SERVER = ("formgrader", "course_list")
EXCHANGE_SERVER = ("assignment_list",)
# A start page (START_HERE.md) opens rendered, not as text to edit; no "get Jupyter news?" pop-up.
OVERRIDES = {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"markdown": "Markdown Preview"}},
             "@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}}


def exchange_in_use(course):
    """True if assignments were released to the course's nbgrader exchange (a shared machine)."""
    outbound = Path(course.config.Exchange.root) / course.config.CourseDirectory.course_id / "outbound"
    return outbound.is_dir() and any(outbound.iterdir())


def hidden_tools(role, exchange=False):
    """The nbgrader plugins and server extensions that ``role`` ("student" or "instructor") does not get.

    Returns
    -------
    (list of str, list of str)
        Lab plugin ids (``@jupyter/nbgrader:formgrader``, ...) and server-extension modules.
    """
    if role == "instructor":
        return [], []
    if role != "student":
        raise ValueError(f"role should be 'student' or 'instructor', got {role!r}")
    plugins, server = list(INSTRUCTOR_PLUGINS), list(INSTRUCTOR_SERVER)
    if not exchange:
        plugins += EXCHANGE_PLUGINS
        server += EXCHANGE_SERVER
    return [f"{NBGRADER}:{name}" for name in plugins], [f"nbgrader.server_extensions.{name}" for name in server]


def lab_arguments(course, role):
    """JupyterLab's command-line options for ``role`` in ``course``; writes the role's settings folder.

    Returns
    -------
    list of str
        Options for ``python -m jupyterlab`` (add ``--notebook-dir`` and the file to open).
    """
    plugins, server = hidden_tools(role, exchange_in_use(course))
    folder = Path(course.root) / SETTINGS / role
    folder.mkdir(parents=True, exist_ok=True)
    _write_if_changed(folder / "page_config.json", {"disabledExtensions": dict.fromkeys(plugins, True)})
    _write_if_changed(folder / "overrides.json", OVERRIDES)
    options = [f"--LabApp.app_settings_dir={folder}", f"--LabApp.workspaces_dir={folder / 'workspaces'}"]
    options += [f"--ServerApp.jpserver_extensions={module}=False" for module in server]
    return options


def _write_if_changed(path, data):
    text = json.dumps(data, indent=1, sort_keys=True)
    if not path.is_file() or path.read_text() != text:
        path.write_text(text)


def open_first(course, role, page):
    """Make ``page`` (a path relative to the lab's folder) the tab the role's first lab opens, rendered.

    Only a lab that has no default workspace yet gets it: later starts restore the tabs left open.
    """
    from jupyterlab_server.workspaces_handler import WORKSPACE_EXTENSION, WorkspacesManager, slugify

    folder = Path(course.root) / SETTINGS / role / "workspaces"
    if (folder / (slugify("default") + WORKSPACE_EXTENSION)).exists():
        return False
    workspaces = WorkspacesManager(folder)
    tab = f"markdownviewer-widget:{page}"
    layout = {"main": {"dock": {"type": "tab-area", "currentIndex": 0, "widgets": [tab]}, "current": tab},
              "left": {"collapsed": False, "visible": True, "current": "filebrowser", "widgets": ["filebrowser"]}}
    workspaces.save("default", json.dumps({
        "data": {"layout-restorer:data": layout, tab: {"data": {"path": page, "factory": "Markdown Preview"}}},
        "metadata": {"id": "default"}}))
    return True
